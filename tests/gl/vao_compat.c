/* Vertex arrays in a compatibility context: VAO 0 holds fixed-function client arrays (one in
 * app memory, others in buffers, texture coordinates on unit 1) and a generic attribute; a
 * named VAO holds different ones and its own element buffer, and is the one bound at the
 * checkpoint, so VAO 0's state has to be saved while another VAO is bound. */
#include "glsl.h"

static const GLfloat positions[] = {-0.8f, -0.8f, 0.8f, -0.8f, 0.0f, 0.8f, -0.8f, 0.8f};
static const GLfloat texcoords[] = {0, 0, 1, 0, 0.5f, 1, 0, 1};

static const char *vs =
    "#version 120\n"
    "attribute vec2 pos;\n"
    "attribute vec3 col;\n"
    "varying vec3 c;\n"
    "void main() { c = col; gl_Position = vec4(pos * 0.5, 0.0, 1.0); }\n";
static const char *fs =
    "#version 120\n"
    "varying vec3 c;\n"
    "void main() { gl_FragColor = vec4(c, 1.0); }\n";

static void print_client(const char *what, GLenum cap, GLenum size, GLenum type, GLenum stride,
                         GLenum buffer, GLenum pointer, const void *app_memory)
{
    GLint v[4] = {-1, -1, -1, -1};
    v[0] = glIsEnabled(cap);
    if (size)
        glGetIntegerv(size, &v[1]);
    glGetIntegerv(type, &v[2]);
    glGetIntegerv(stride, &v[3]);
    GLint b = -1;
    glGetIntegerv(buffer, &b);
    void *p = NULL;
    glGetPointerv(pointer, &p);
    printf("%s: enabled %d size %d type %d stride %d buffer %d ptr %s\n", what, v[0], v[1], v[2], v[3], b,
           p && p == app_memory ? "app memory" : p ? "offset" : "null");
    if (p && p != app_memory)
        printf("%s offset %lu\n", what, (unsigned long)(uintptr_t)p);
}

static void print_vao(const char *what)
{
    char line[64];
    snprintf(line, sizeof line, "%s vertex", what);
    print_client(line, GL_VERTEX_ARRAY, GL_VERTEX_ARRAY_SIZE, GL_VERTEX_ARRAY_TYPE, GL_VERTEX_ARRAY_STRIDE,
                 GL_VERTEX_ARRAY_BUFFER_BINDING, GL_VERTEX_ARRAY_POINTER, positions);
    snprintf(line, sizeof line, "%s color", what);
    print_client(line, GL_COLOR_ARRAY, GL_COLOR_ARRAY_SIZE, GL_COLOR_ARRAY_TYPE, GL_COLOR_ARRAY_STRIDE,
                 GL_COLOR_ARRAY_BUFFER_BINDING, GL_COLOR_ARRAY_POINTER, NULL);
    snprintf(line, sizeof line, "%s secondary color", what);
    print_client(line, GL_SECONDARY_COLOR_ARRAY, GL_SECONDARY_COLOR_ARRAY_SIZE, GL_SECONDARY_COLOR_ARRAY_TYPE,
                 GL_SECONDARY_COLOR_ARRAY_STRIDE, GL_SECONDARY_COLOR_ARRAY_BUFFER_BINDING,
                 GL_SECONDARY_COLOR_ARRAY_POINTER, NULL);
    for (GLenum unit = 0; unit < 2; unit++) {
        glClientActiveTexture(GL_TEXTURE0 + unit);
        snprintf(line, sizeof line, "%s texcoord %u", what, unit);
        print_client(line, GL_TEXTURE_COORD_ARRAY, GL_TEXTURE_COORD_ARRAY_SIZE, GL_TEXTURE_COORD_ARRAY_TYPE,
                     GL_TEXTURE_COORD_ARRAY_STRIDE, GL_TEXTURE_COORD_ARRAY_BUFFER_BINDING,
                     GL_TEXTURE_COORD_ARRAY_POINTER, texcoords);
    }
    glClientActiveTexture(GL_TEXTURE1);
    for (GLuint i = 0; i < 4; i++)
        pt_attrib_state(what, i);
    GLint e = -1;
    glGetIntegerv(GL_ELEMENT_ARRAY_BUFFER_BINDING, &e);
    printf("%s element buffer %d\n", what, e);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    pt_name_holes();
    const GLubyte colors[] = {255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 0, 255};
    const GLfloat gcolors[] = {1, 1, 0, 0, 1, 1, 1, 0, 1, 0.5f, 0.5f, 0.5f};
    const GLuint indices[] = {0, 1, 2, 2, 3, 0};
    GLuint buf[3];
    glGenBuffers(3, buf);
    glBindBuffer(GL_ARRAY_BUFFER, buf[0]);
    glBufferData(GL_ARRAY_BUFFER, sizeof colors, colors, GL_STATIC_DRAW);
    glBindBuffer(GL_ARRAY_BUFFER, buf[1]);
    glBufferData(GL_ARRAY_BUFFER, sizeof gcolors + sizeof positions, NULL, GL_STATIC_DRAW);
    glBufferSubData(GL_ARRAY_BUFFER, 0, sizeof gcolors, gcolors);
    glBufferSubData(GL_ARRAY_BUFFER, sizeof gcolors, sizeof positions, positions);

    /* VAO 0: positions in app memory, colors in a buffer, texcoords on unit 1 in app memory. */
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    glVertexPointer(2, GL_FLOAT, 0, positions);
    glClientActiveTexture(GL_TEXTURE1);
    glTexCoordPointer(2, GL_FLOAT, 0, texcoords);
    glBindBuffer(GL_ARRAY_BUFFER, buf[0]);
    glColorPointer(4, GL_UNSIGNED_BYTE, 0, (const void *)0);
    glSecondaryColorPointer(3, GL_UNSIGNED_BYTE, 4, (const void *)1);
    glEnableClientState(GL_TEXTURE_COORD_ARRAY);
    glClientActiveTexture(GL_TEXTURE0);
    glEnableClientState(GL_VERTEX_ARRAY);
    glEnableClientState(GL_COLOR_ARRAY);
    glBindBuffer(GL_ARRAY_BUFFER, buf[1]);
    glVertexAttribPointer(2, 3, GL_FLOAT, GL_FALSE, 0, (const void *)0);

    /* A named VAO: generic attributes from one buffer, indices in another. */
    GLuint prog = pt_program(vs, fs);
    GLint pos = glGetAttribLocation(prog, "pos"), col = glGetAttribLocation(prog, "col");
    GLuint vao;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);
    glBindBuffer(GL_ARRAY_BUFFER, buf[1]);
    glVertexAttribPointer((GLuint)pos, 2, GL_FLOAT, GL_FALSE, 0, (const void *)sizeof gcolors);
    glVertexAttribPointer((GLuint)col, 3, GL_FLOAT, GL_FALSE, 0, (const void *)0);
    glEnableVertexAttribArray((GLuint)pos);
    glEnableVertexAttribArray((GLuint)col);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, buf[2]);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, sizeof indices, indices, GL_STATIC_DRAW);
    glClientActiveTexture(GL_TEXTURE1);
    glBindBuffer(GL_ARRAY_BUFFER, buf[0]);

    pt_checkpoint();

    GLint v = -1;
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &v);
    pt_int("bound vertex array", v);
    glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &v);
    pt_int("array buffer", v);
    glGetIntegerv(GL_CLIENT_ACTIVE_TEXTURE, &v);
    pt_int("client active texture", v - GL_TEXTURE0);
    print_vao("named vao");
    glBindVertexArray(0);
    print_vao("vao 0");

    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glDrawArrays(GL_TRIANGLE_FAN, 0, 4);
    pt_frame("vao 0, fixed function");
    glBindVertexArray(vao);
    glUseProgram(prog);
    glDrawElements(GL_TRIANGLES, 6, GL_UNSIGNED_INT, 0);
    pt_frame("named vao, shader");
    return pt_done();
}
