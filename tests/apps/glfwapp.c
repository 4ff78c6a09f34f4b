/* glfwapp: the toolkit scene (toolkit_scene.h) in a window and context GLFW 3 makes on X11
 * (GLX): GLFW picks the framebuffer config from its window hints, multisample ones included.
 *
 *   glfwapp [--frames N] [--size WxH] [--samples N] [--delay-ms D]
 *
 * Prints 'frame N HASH' per frame, then 'done'. */
#include <GLFW/glfw3.h>

#include "toolkit_scene.h"

static void report(int code, const char *what)
{
    fprintf(stderr, "glfwapp: GLFW error 0x%x: %s\n", code, what);
}

static void present(void *win)
{
    glfwSwapBuffers(win);
    glfwPollEvents();
}

int main(int argc, char **argv)
{
    struct toolkit_options o;
    if (!toolkit_parse(argc, argv, &o)) {
        fprintf(stderr, "usage: glfwapp [--frames N] [--size WxH] [--samples N] [--delay-ms D]\n");
        return 2;
    }
    glfwSetErrorCallback(report);
    if (!glfwInit())
        return 1;
    glfwWindowHint(GLFW_SAMPLES, o.samples);
    glfwWindowHint(GLFW_DEPTH_BITS, 24);
    glfwWindowHint(GLFW_DOUBLEBUFFER, GLFW_TRUE);
    glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 2);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 1);
    GLFWwindow *win = glfwCreateWindow(o.width, o.height, "glfwapp", NULL, NULL);
    if (!win)
        return 1;
    glfwMakeContextCurrent(win);
    glfwSwapInterval(0);
    int status = toolkit_run(&o, present, win);
    glfwDestroyWindow(win);
    glfwTerminate();
    return status;
}
