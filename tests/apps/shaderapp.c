/* A deterministic GLSL app: frame N is a pure function of N and the GL state it built up,
 * and each frame's hash is printed as "frame N HASH" (like detapp, for the same tests).
 *
 * State glcr must bring back: two programs (one with attribute locations bound by the app,
 * one left to the linker), shaders deleted after linking, uniforms of many types set once
 * at startup (float, vec3 array, ivec2, mat4, bool, sampler) and others every frame, the
 * current program switched within a frame, generic vertex attributes from a buffer, a
 * texture updated from the framebuffer every frame.
 *
 *   shaderapp [--frames N] [--delay-ms D] [--size WxH] [--unsupported]
 *
 * --unsupported also sets the pixel zoom (glPixelZoom), which glcr cannot save. */
#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <GL/glext.h>
#include <GL/glx.h>
#include <X11/Xlib.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int width = 160, height = 120;

static void die(const char *what)
{
    fprintf(stderr, "shaderapp: %s\n", what);
    exit(1);
}

static const char *vs_scene =
    "#version 130\n"
    "in vec3 position;\n"
    "in vec2 uv;\n"
    "uniform mat4 transform;\n"
    "uniform float angle;\n"
    "out vec2 v_uv;\n"
    "void main() {\n"
    "  float c = cos(angle), s = sin(angle);\n"
    "  vec3 p = vec3(c * position.x - s * position.y, s * position.x + c * position.y, position.z);\n"
    "  v_uv = uv;\n"
    "  gl_Position = transform * vec4(p, 1.0);\n"
    "}\n";

static const char *fs_scene =
    "#version 130\n"
    "in vec2 v_uv;\n"
    "uniform sampler2D history;\n"
    "uniform vec3 tint[2];\n"
    "uniform ivec2 stripes;\n"
    "uniform bool invert;\n"
    "uniform float fade;\n"
    "out vec4 color;\n"
    "void main() {\n"
    "  vec3 base = mix(tint[0], tint[1], v_uv.x);\n"
    "  if ((int(v_uv.x * float(stripes.x)) + int(v_uv.y * float(stripes.y))) % 2 == 1) base *= 0.5;\n"
    "  if (invert) base = vec3(1.0) - base;\n"
    "  vec3 h = texture(history, v_uv).rgb;\n"
    "  color = vec4(mix(base, h, fade), 1.0);\n"
    "}\n";

static const char *vs_overlay =
    "#version 130\n"
    "in vec2 corner;\n"
    "uniform vec2 offset;\n"
    "void main() { gl_Position = vec4(corner * 0.3 + offset, 0.0, 1.0); }\n";

static const char *fs_overlay =
    "#version 130\n"
    "uniform vec4 paint;\n"
    "out vec4 color;\n"
    "void main() { color = paint; }\n";

static GLuint shader(GLenum type, const char *src)
{
    GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &src, NULL);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024];
        glGetShaderInfoLog(s, sizeof log, NULL, log);
        fprintf(stderr, "shaderapp: shader compile failed: %s\n", log);
        exit(1);
    }
    return s;
}

static GLuint program(const char *vs, const char *fs, const char *attrib0, GLuint loc0)
{
    GLuint p = glCreateProgram(), v = shader(GL_VERTEX_SHADER, vs), f = shader(GL_FRAGMENT_SHADER, fs);
    glAttachShader(p, v);
    glAttachShader(p, f);
    if (attrib0)
        glBindAttribLocation(p, loc0, attrib0);
    glLinkProgram(p);
    GLint ok = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &ok);
    if (!ok)
        die("link failed");
    /* Flagged for deletion while attached: the program keeps working. */
    glDeleteShader(v);
    glDeleteShader(f);
    return p;
}

static uint64_t fnv1a(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

int main(int argc, char **argv)
{
    unsigned long frames = 60, delay_ms = 0;
    int unsupported = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--frames") && i + 1 < argc)
            frames = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--delay-ms") && i + 1 < argc)
            delay_ms = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--size") && i + 1 < argc) {
            if (sscanf(argv[++i], "%dx%d", &width, &height) != 2 || width < 16 || height < 16)
                die("--size wants WxH");
        } else if (!strcmp(argv[i], "--unsupported"))
            unsupported = 1;
        else {
            fprintf(stderr, "usage: shaderapp [--frames N] [--delay-ms D] [--size WxH] [--unsupported]\n");
            return 2;
        }
    }
    Display *dpy = XOpenDisplay(NULL);
    if (!dpy)
        die("cannot open the X display");
    int attribs[] = {GLX_RGBA, GLX_DOUBLEBUFFER, GLX_RED_SIZE, 8, GLX_GREEN_SIZE, 8, GLX_BLUE_SIZE, 8, None};
    XVisualInfo *vi = glXChooseVisual(dpy, DefaultScreen(dpy), attribs);
    if (!vi)
        die("no visual");
    XSetWindowAttributes swa = {.colormap = XCreateColormap(dpy, RootWindow(dpy, vi->screen), vi->visual, AllocNone)};
    Window win = XCreateWindow(dpy, RootWindow(dpy, vi->screen), 0, 0, (unsigned)width, (unsigned)height, 0,
                               vi->depth, InputOutput, vi->visual, CWColormap, &swa);
    XMapWindow(dpy, win);
    GLXContext ctx = glXCreateContext(dpy, vi, NULL, True);
    if (!ctx || !glXMakeCurrent(dpy, win, ctx))
        die("cannot create a GL context");
    glViewport(0, 0, width, height);

    GLuint scene = program(vs_scene, fs_scene, "uv", 5);
    GLuint overlay = program(vs_overlay, fs_overlay, NULL, 0);

    static const GLfloat quad[] = {
        -0.8f, -0.8f, 0.1f, 0.0f, 0.0f, 0.8f, -0.8f, 0.1f, 1.0f, 0.0f,
        0.8f, 0.8f, -0.1f, 1.0f, 1.0f, -0.8f, 0.8f, -0.1f, 0.0f, 1.0f,
    };
    static const GLfloat corners[] = {-1, -1, 1, -1, 1, 1, -1, 1};
    GLuint vbo[2];
    glGenBuffers(2, vbo);
    glBindBuffer(GL_ARRAY_BUFFER, vbo[0]);
    glBufferData(GL_ARRAY_BUFFER, sizeof quad, quad, GL_STATIC_DRAW);
    glBindBuffer(GL_ARRAY_BUFFER, vbo[1]);
    glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);

    GLuint history;
    glGenTextures(1, &history);
    glBindTexture(GL_TEXTURE_2D, history);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);

    /* Uniforms set once: they must come back with the program. */
    glUseProgram(scene);
    const GLfloat tint[6] = {0.9f, 0.2f, 0.1f, 0.1f, 0.3f, 0.9f};
    glUniform3fv(glGetUniformLocation(scene, "tint"), 2, tint);
    glUniform2i(glGetUniformLocation(scene, "stripes"), 7, 5);
    glUniform1i(glGetUniformLocation(scene, "invert"), 1);
    glUniform1i(glGetUniformLocation(scene, "history"), 0);
    glUniform1f(glGetUniformLocation(scene, "fade"), 0.35f);
    const GLfloat transform[16] = {0.9f, 0.1f, 0, 0, -0.1f, 0.9f, 0, 0, 0, 0, 1, 0, 0.05f, -0.02f, 0, 1};
    glUniformMatrix4fv(glGetUniformLocation(scene, "transform"), 1, GL_FALSE, transform);
    GLint angle = glGetUniformLocation(scene, "angle");
    GLint pos = glGetAttribLocation(scene, "position"), uv = glGetAttribLocation(scene, "uv");
    glUseProgram(overlay);
    GLint paint = glGetUniformLocation(overlay, "paint"), offset = glGetUniformLocation(overlay, "offset");
    GLint corner = glGetAttribLocation(overlay, "corner");
    if (uv != 5 || pos < 0 || corner < 0)
        die("unexpected attribute locations");
    if (unsupported)
        glPixelZoom(1.0f, 1.0f);

    unsigned char *pixels = malloc((size_t)width * (size_t)height * 4);
    if (!pixels)
        die("out of memory");
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    for (unsigned long n = 1; n <= frames; n++) {
        glClearColor(0.05f, 0.05f, 0.1f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        glUseProgram(scene);
        glUniform1f(angle, (float)(n % 90) * 0.07f);
        glBindBuffer(GL_ARRAY_BUFFER, vbo[0]);
        glVertexAttribPointer((GLuint)pos, 3, GL_FLOAT, GL_FALSE, 5 * sizeof(GLfloat), (const void *)0);
        glVertexAttribPointer((GLuint)uv, 2, GL_FLOAT, GL_FALSE, 5 * sizeof(GLfloat), (const void *)(3 * sizeof(GLfloat)));
        glEnableVertexAttribArray((GLuint)pos);
        glEnableVertexAttribArray((GLuint)uv);
        glBindTexture(GL_TEXTURE_2D, history);
        glDrawArrays(GL_TRIANGLE_FAN, 0, 4);
        glDisableVertexAttribArray((GLuint)uv);
        glDisableVertexAttribArray((GLuint)pos);
        glUseProgram(overlay);
        glUniform4f(paint, (float)(n % 5) / 4.0f, 0.8f, 0.3f, 1.0f);
        glUniform2f(offset, -0.6f + (float)(n % 7) * 0.2f, 0.6f);
        glBindBuffer(GL_ARRAY_BUFFER, vbo[1]);
        glVertexAttribPointer((GLuint)corner, 2, GL_FLOAT, GL_FALSE, 0, (const void *)0);
        glEnableVertexAttribArray((GLuint)corner);
        glDrawArrays(GL_TRIANGLE_FAN, 0, 4);
        glDisableVertexAttribArray((GLuint)corner);
        /* The overlay stays the current program between frames. */
        glCopyTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 0, 0, width, height);
        glFinish();
        glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
        GLenum e = glGetError();
        if (e != GL_NO_ERROR) {
            fprintf(stderr, "shaderapp: GL error 0x%x in frame %lu\n", e, n);
            return 1;
        }
        printf("frame %lu %016" PRIx64 "\n", n, fnv1a(pixels, (size_t)width * (size_t)height * 4));
        fflush(stdout);
        glXSwapBuffers(dpy, win);
        if (delay_ms) {
            struct timespec ts = {(time_t)(delay_ms / 1000), (long)(delay_ms % 1000) * 1000000L};
            while (nanosleep(&ts, &ts) != 0)
                ;
        }
    }
    printf("done\n");
    free(pixels);
    glXMakeCurrent(dpy, None, NULL);
    glXDestroyContext(dpy, ctx);
    XCloseDisplay(dpy);
    return 0;
}
