/* The deterministic scene of the toolkit apps (sdlapp.c, glfwapp.c): frame N is a pure
 * function of N and the frames before it (a texture holds the previous frame and is drawn
 * under the next one), so a restore that loses state shows in every later hash. Plain
 * compatibility-profile GL; the toolkit only makes the window and the context. Header-only:
 * each app is one C file. */
#ifndef GLCR_TESTS_TOOLKIT_SCENE_H
#define GLCR_TESTS_TOOLKIT_SCENE_H

#include <GL/gl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct toolkit_options {
    unsigned long frames, delay_ms;
    int width, height, samples;
};

/* --frames N --size WxH --samples N --delay-ms D; false on anything else. */
static inline bool toolkit_parse(int argc, char **argv, struct toolkit_options *o)
{
    *o = (struct toolkit_options){.frames = 60, .width = 200, .height = 160};
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *a = argv[i], *v = argv[i + 1];
        if (strcmp(a, "--frames") == 0)
            o->frames = strtoul(v, NULL, 10);
        else if (strcmp(a, "--delay-ms") == 0)
            o->delay_ms = strtoul(v, NULL, 10);
        else if (strcmp(a, "--samples") == 0)
            o->samples = atoi(v);
        else if (strcmp(a, "--size") != 0 || sscanf(v, "%dx%d", &o->width, &o->height) != 2)
            return false;
    }
    return argc % 2 == 1 && o->width >= 16 && o->height >= 16 && o->frames > 0;
}

static GLuint toolkit_history;

static inline void toolkit_scene_init(const struct toolkit_options *o)
{
    glGenTextures(1, &toolkit_history);
    glBindTexture(GL_TEXTURE_2D, toolkit_history);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, o->width, o->height, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    glViewport(0, 0, o->width, o->height);
    glClearColor(0.05f, 0.07f, 0.1f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glCopyTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 0, 0, o->width, o->height);
}

/* Frame n: the previous frame, shrunk and faded, under a fan of triangles turned by n. */
static inline void toolkit_scene_frame(const struct toolkit_options *o, unsigned long n)
{
    glViewport(0, 0, o->width, o->height);
    glClear(GL_COLOR_BUFFER_BIT);
    glMatrixMode(GL_MODELVIEW);
    glLoadIdentity();
    glEnable(GL_TEXTURE_2D);
    glColor3f(0.9f, 0.85f, 0.8f);
    glBegin(GL_QUADS);
    glTexCoord2f(0, 0); glVertex2f(-0.95f, -0.95f);
    glTexCoord2f(1, 0); glVertex2f(0.95f, -0.95f);
    glTexCoord2f(1, 1); glVertex2f(0.95f, 0.95f);
    glTexCoord2f(0, 1); glVertex2f(-0.95f, 0.95f);
    glEnd();
    glDisable(GL_TEXTURE_2D);
    glRotatef((float)(n % 360) * 7.0f, 0, 0, 1);
    glBegin(GL_TRIANGLES);
    for (int k = 0; k < 5; k++) {
        float a = (float)k * 1.2566f, r = 0.3f + 0.1f * (float)((n + (unsigned long)k) % 4);
        glColor3f(0.2f * (float)k, 1.0f - 0.15f * (float)k, (float)(n % 7) / 7.0f);
        glVertex2f(0, 0);
        glVertex2f(r * __builtin_cosf(a), r * __builtin_sinf(a));
        glVertex2f(r * __builtin_cosf(a + 0.6f), r * __builtin_sinf(a + 0.6f));
    }
    glEnd();
    glCopyTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 0, 0, o->width, o->height);
}

/* Prints 'frame N HASH' of the back buffer (before the swap). */
static inline void toolkit_print_frame(const struct toolkit_options *o, unsigned long n, unsigned char *pixels)
{
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, o->width, o->height, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < (size_t)o->width * (size_t)o->height * 4; i++)
        h = (h ^ pixels[i]) * 1099511628211ULL;
    printf("frame %lu %016" PRIx64 "\n", n, h);
    fflush(stdout);
    GLenum e = glGetError();
    if (e != GL_NO_ERROR) {
        fprintf(stderr, "GL error 0x%x in frame %lu\n", e, n);
        exit(1);
    }
}

/* Checks the samples, then draws, prints and presents (present(arg): the toolkit's swap and
 * event poll) every frame; prints 'done'. The exit status. */
static inline int toolkit_run(const struct toolkit_options *o, void (*present)(void *), void *arg)
{
    GLint samples = -1;
    glGetIntegerv(GL_SAMPLES, &samples);
    if (samples != o->samples) {
        fprintf(stderr, "GL_SAMPLES is %d, %d asked for\n", samples, o->samples);
        return 1;
    }
    unsigned char *pixels = malloc((size_t)o->width * (size_t)o->height * 4);
    if (!pixels)
        return 1;
    toolkit_scene_init(o);
    for (unsigned long n = 1; n <= o->frames; n++) {
        toolkit_scene_frame(o, n);
        toolkit_print_frame(o, n, pixels);
        present(arg);
        struct timespec ts = {(time_t)(o->delay_ms / 1000), (long)(o->delay_ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    printf("done\n");
    fflush(stdout);
    free(pixels);
    return 0;
}

#endif
