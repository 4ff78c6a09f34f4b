/* GLX queries and swap control: version, extension strings, a robust context created with
 * GLX_ARB_create_context_robustness's attributes, glXQueryContext,
 * glXQueryDrawable, the three swap-interval extensions (the interval set must read back, also
 * after a reload and a checkpoint), and glXCopyContext, which glcr refuses (the app goes on
 * and the destination context keeps its state). */
#include "preserve.h"

#include <unistd.h>

static void require_extension(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; p && (p = strstr(p, name)); p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return;
    pt_fail("extension %s is not advertised", name);
}

static void print_swap_interval(const char *what)
{
    unsigned int interval = 0, max = 0;
    glXQueryDrawable(pt.dpy, pt.win, GLX_SWAP_INTERVAL_EXT, &interval);
    glXQueryDrawable(pt.dpy, pt.win, GLX_MAX_SWAP_INTERVAL_EXT, &max);
    PFNGLXGETSWAPINTERVALMESAPROC get_mesa =
        (PFNGLXGETSWAPINTERVALMESAPROC)glXGetProcAddressARB((const GLubyte *)"glXGetSwapIntervalMESA");
    if (!get_mesa)
        pt_fail("glXGetSwapIntervalMESA missing");
    printf("%s: interval %u (MESA %d), max %u\n", what, interval, get_mesa(), max);
}

/* A robust context with no reset notification, made current on the window: the driver
 * reports that strategy. */
static void robust_context(void)
{
    int id = 0, n = 0;
    glXQueryContext(pt.dpy, pt.ctx, GLX_FBCONFIG_ID, &id);
    int config_attribs[] = {GLX_FBCONFIG_ID, id, None};
    GLXFBConfig *config = glXChooseFBConfig(pt.dpy, DefaultScreen(pt.dpy), config_attribs, &n);
    PFNGLXCREATECONTEXTATTRIBSARBPROC create = (PFNGLXCREATECONTEXTATTRIBSARBPROC)glXGetProcAddressARB(
        (const GLubyte *)"glXCreateContextAttribsARB");
    int attribs[] = {GLX_CONTEXT_FLAGS_ARB, GLX_CONTEXT_ROBUST_ACCESS_BIT_ARB,
                     GLX_CONTEXT_RESET_NOTIFICATION_STRATEGY_ARB, GLX_NO_RESET_NOTIFICATION_ARB,
                     GLX_CONTEXT_OPENGL_NO_ERROR_ARB, False, None};
    GLXContext robust = n && create ? create(pt.dpy, config[0], NULL, True, attribs) : NULL;
    if (!robust || !glXMakeCurrent(pt.dpy, pt.win, robust))
        pt_fail("cannot create a robust context with no reset notification");
    GLint strategy = 0;
    glGetIntegerv(GL_RESET_NOTIFICATION_STRATEGY_ARB, &strategy);
    if (strategy != GL_NO_RESET_NOTIFICATION_ARB)
        pt_fail("the robust context's reset notification strategy is 0x%x", strategy);
    glXMakeCurrent(pt.dpy, pt.win, pt.ctx);
    glXDestroyContext(pt.dpy, robust);
    XFree(config);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    robust_context();
    int major = 0, minor = 0;
    if (!glXQueryVersion(pt.dpy, &major, &minor))
        pt_fail("glXQueryVersion failed");
    printf("GLX %d.%d\n", major, minor);
    const char *exts = glXQueryExtensionsString(pt.dpy, DefaultScreen(pt.dpy));
    const char *client = glXGetClientString(pt.dpy, GLX_EXTENSIONS);
    const char *server = glXQueryServerString(pt.dpy, DefaultScreen(pt.dpy), GLX_EXTENSIONS);
    /* GLX_ARB_multisample: toolkits (GLFW) read GLX_SAMPLES only where it is advertised. */
    static const char *const wanted[] = {"GLX_EXT_swap_control", "GLX_MESA_swap_control", "GLX_SGI_swap_control",
                                         "GLX_SGIX_pbuffer", "GLX_ARB_create_context", "GLX_ARB_multisample",
                                         "GLX_ARB_create_context_robustness", "GLX_ARB_create_context_no_error"};
    for (size_t i = 0; i < sizeof wanted / sizeof *wanted; i++) {
        require_extension(exts, wanted[i]);
        require_extension(client, wanted[i]);
        require_extension(server, wanted[i]);
    }

    int id = 0, render_type = 0, config_id = -1;
    glXQueryContext(pt.dpy, pt.ctx, GLX_FBCONFIG_ID, &id);
    glXQueryContext(pt.dpy, pt.ctx, GLX_RENDER_TYPE, &render_type);
    unsigned int drawable_config = 0, width = 0, height = 0;
    glXQueryDrawable(pt.dpy, pt.win, GLX_FBCONFIG_ID, &drawable_config);
    glXQueryDrawable(pt.dpy, pt.win, GLX_WIDTH, &width);
    glXQueryDrawable(pt.dpy, pt.win, GLX_HEIGHT, &height);
    int n = 0;
    GLXFBConfig *configs = glXGetFBConfigs(pt.dpy, DefaultScreen(pt.dpy), &n);
    for (int i = 0; i < n; i++) {
        int v = 0;
        glXGetFBConfigAttrib(pt.dpy, configs[i], GLX_FBCONFIG_ID, &v);
        if (v == id)
            config_id = v;
    }
    XFree(configs);
    if (config_id != id || (unsigned)id != drawable_config)
        pt_fail("the context's config %d, the window's %u and the listed configs disagree", id, drawable_config);
    printf("context render type 0x%x, window %ux%u\n", render_type, width, height);

    PFNGLXSWAPINTERVALEXTPROC swap_ext =
        (PFNGLXSWAPINTERVALEXTPROC)glXGetProcAddressARB((const GLubyte *)"glXSwapIntervalEXT");
    PFNGLXSWAPINTERVALSGIPROC swap_sgi =
        (PFNGLXSWAPINTERVALSGIPROC)glXGetProcAddressARB((const GLubyte *)"glXSwapIntervalSGI");
    if (!swap_ext || !swap_sgi)
        pt_fail("glXSwapIntervalEXT or glXSwapIntervalSGI missing");
    print_swap_interval("default");
    swap_sgi(3);
    print_swap_interval("after glXSwapIntervalSGI(3)");
    swap_ext(pt.dpy, pt.win, 2);
    print_swap_interval("after glXSwapIntervalEXT(2)");

    /* Refused with one line naming the call (captured: the harness wants a quiet stderr);
     * the destination keeps its clear color. */
    GLXContext other = glXCreateNewContext(pt.dpy, glXGetFBConfigs(pt.dpy, DefaultScreen(pt.dpy), &n)[0],
                                           GLX_RGBA_TYPE, NULL, True);
    glClearColor(0.25f, 0.5f, 0.75f, 1);
    int pipe_fds[2], saved_stderr = dup(2);
    if (pipe(pipe_fds) != 0 || saved_stderr < 0)
        pt_fail("cannot capture stderr");
    fflush(stderr);
    dup2(pipe_fds[1], 2);
    glXCopyContext(pt.dpy, pt.ctx, other, GL_COLOR_BUFFER_BIT);
    fflush(stderr);
    dup2(saved_stderr, 2);
    close(pipe_fds[1]);
    char refusal[512] = "";
    ssize_t got = read(pipe_fds[0], refusal, sizeof refusal - 1);
    refusal[got > 0 ? got : 0] = '\0';
    close(pipe_fds[0]);
    close(saved_stderr);
    if (!strstr(refusal, "glXCopyContext") || !strstr(refusal, "not supported"))
        pt_fail("glXCopyContext was not refused with a message naming it (stderr: '%s')", refusal);
    printf("glXCopyContext refused\n");
    glXMakeCurrent(pt.dpy, pt.win, other);
    GLfloat clear[4];
    glGetFloatv(GL_COLOR_CLEAR_VALUE, clear);
    pt_floats("clear color of the glXCopyContext destination", clear, 4);
    glXMakeCurrent(pt.dpy, pt.win, pt.ctx);
    glXDestroyContext(pt.dpy, other);

    pt_checkpoint();
    print_swap_interval("after the checkpoint");
    return pt_done();
}
