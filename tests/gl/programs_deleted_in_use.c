/* A program deleted while current and a shader deleted while attached stay alive, with their
 * names, until that use ends (GL 4.6 7.3, 7.1): across a reload they still draw, still report
 * GL_DELETE_STATUS, and vanish when the app stops using them; programs and shaders made
 * afterwards never take their names. */
#include "preserve.h"

static const char *vertex_source =
    "#version 120\n"
    "void main() { gl_Position = gl_Vertex; }\n";

static GLuint shader(GLenum type, const char *source)
{
    GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &source, NULL);
    glCompileShader(s);
    return s;
}

static GLuint program_of_color(const char *color, GLuint *fragment_out)
{
    char fragment[256];
    snprintf(fragment, sizeof fragment, "#version 120\nvoid main() { gl_FragColor = vec4(%s); }\n", color);
    GLuint p = glCreateProgram();
    GLuint vs = shader(GL_VERTEX_SHADER, vertex_source), fs = shader(GL_FRAGMENT_SHADER, fragment);
    glAttachShader(p, vs);
    glAttachShader(p, fs);
    glLinkProgram(p);
    glDeleteShader(vs); /* attached: stays until detached or the program goes */
    if (fragment_out)
        *fragment_out = fs;
    else
        glDeleteShader(fs);
    return p;
}

static void draw_quad(float x0, float x1)
{
    glBegin(GL_QUADS);
    glVertex2f(x0, -1);
    glVertex2f(x1, -1);
    glVertex2f(x1, 1);
    glVertex2f(x0, 1);
    glEnd();
}

static void report(const char *what, GLuint p, GLuint fs)
{
    GLint deleted = -1, attached = -1;
    glGetProgramiv(p, GL_DELETE_STATUS, &deleted);
    glGetProgramiv(p, GL_ATTACHED_SHADERS, &attached);
    printf("%s: program is %d, deleted %d, %d shaders; fragment shader is %d\n", what, glIsProgram(p), deleted,
           attached, glIsShader(fs));
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint fs_red = 0;
    GLuint red = program_of_color("1.0, 0.0, 0.0, 1.0", &fs_red);
    GLuint green = program_of_color("0.0, 1.0, 0.0, 1.0", NULL);
    glUseProgram(red);
    glDeleteProgram(red);  /* current: flagged only */
    glDeleteShader(fs_red); /* attached to red: flagged only */
    glDeleteProgram(green); /* unused: gone now */
    pt_int("green is a program", glIsProgram(green));
    report("before", red, fs_red);

    pt_checkpoint();

    report("after", red, fs_red);
    glClearColor(0, 0, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    draw_quad(-1, 0); /* still drawn with the deleted, current program */
    GLuint blue = program_of_color("0.0, 0.0, 1.0, 1.0", NULL);
    pt_int("a new program reuses a flagged name", blue == red);
    glUseProgram(blue); /* the last use of red ends: red and its shaders go */
    printf("red is a program %d, its fragment shader a shader %d\n", glIsProgram(red), glIsShader(fs_red));
    draw_quad(0, 1);
    pt_frame("frame");
    GLuint later = program_of_color("1.0, 1.0, 0.0, 1.0", NULL);
    glUseProgram(later);
    draw_quad(-0.5f, 0.5f);
    pt_frame("frame with a program made after the deletions");
    glUseProgram(0);
    return pt_done();
}
