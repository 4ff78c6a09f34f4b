/* Stub driver functions that log every call with its arguments, installed into glcr_driver
 * (the table glcr forwards to), for tests that drive display-list recording and replay. */
#ifndef GLCR_TESTS_UNIT_FAKE_DRIVER_H
#define GLCR_TESTS_UNIT_FAKE_DRIVER_H

#include <stdbool.h>
#include <string.h>

#include "gl_dispatch.h"
#include "state/calls.h"

struct fake_call {
    unsigned cmd;            /* GLCR_CMD_gl... */
    GLuint u[2];
    GLenum e[2];
    GLfloat f[4];
    unsigned char bytes[16];
    bool null_ptr;
};

static struct fake_call fake_calls[64];
static int fake_call_count;

static struct fake_call *fake_log(unsigned cmd)
{
    static struct fake_call overflow;
    if (fake_call_count >= (int)(sizeof fake_calls / sizeof *fake_calls))
        return &overflow;
    struct fake_call *c = &fake_calls[fake_call_count++];
    memset(c, 0, sizeof *c);
    c->cmd = cmd;
    return c;
}

static void stub_NewList(GLuint list, GLenum mode)
{
    struct fake_call *c = fake_log(GLCR_CMD_glNewList);
    c->u[0] = list;
    c->e[0] = mode;
}

static void stub_EndList(void)
{
    fake_log(GLCR_CMD_glEndList);
}

static GLuint fake_next_list = 10;

static GLuint stub_GenLists(GLsizei range)
{
    struct fake_call *c = fake_log(GLCR_CMD_glGenLists);
    c->u[0] = (GLuint)range;
    GLuint first = fake_next_list;
    fake_next_list += (GLuint)range;
    return first;
}

static void stub_DeleteLists(GLuint list, GLsizei range)
{
    struct fake_call *c = fake_log(GLCR_CMD_glDeleteLists);
    c->u[0] = list;
    c->u[1] = (GLuint)range;
}

static void stub_Normal3f(GLfloat x, GLfloat y, GLfloat z)
{
    struct fake_call *c = fake_log(GLCR_CMD_glNormal3f);
    c->f[0] = x;
    c->f[1] = y;
    c->f[2] = z;
}

static void stub_Materialfv(GLenum face, GLenum pname, const GLfloat *params)
{
    struct fake_call *c = fake_log(GLCR_CMD_glMaterialfv);
    c->e[0] = face;
    c->e[1] = pname;
    c->null_ptr = params == NULL;
    long long n = glcr_pname_count(pname);
    for (long long i = 0; params && i < n && i < 4; i++)
        c->f[i] = params[i];
}

static void stub_CallLists(GLsizei n, GLenum type, const void *lists)
{
    struct fake_call *c = fake_log(GLCR_CMD_glCallLists);
    c->u[0] = (GLuint)n;
    c->e[0] = type;
    c->null_ptr = lists == NULL;
    long long size = glcr_list_names_size(n, type);
    if (lists && size > 0)
        memcpy(c->bytes, lists, size < 16 ? (size_t)size : 16);
}

static void fake_driver_install(void)
{
    glcr_driver.NewList = stub_NewList;
    glcr_driver.EndList = stub_EndList;
    glcr_driver.GenLists = stub_GenLists;
    glcr_driver.DeleteLists = stub_DeleteLists;
    glcr_driver.Normal3f = stub_Normal3f;
    glcr_driver.Materialfv = stub_Materialfv;
    glcr_driver.CallLists = stub_CallLists;
    fake_call_count = 0;
}

#endif
