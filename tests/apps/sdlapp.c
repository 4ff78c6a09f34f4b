/* sdlapp: the toolkit scene (toolkit_scene.h) in a window and context SDL2 makes on X11
 * (GLX): SDL picks the visual from its GL attributes, multisample ones included.
 *
 *   sdlapp [--frames N] [--size WxH] [--samples N] [--delay-ms D]
 *
 * Prints 'frame N HASH' per frame, then 'done'. */
#include <SDL.h>

#include "toolkit_scene.h"

static void present(void *win)
{
    SDL_GL_SwapWindow(win);
    SDL_PumpEvents();
}

int main(int argc, char **argv)
{
    struct toolkit_options o;
    if (!toolkit_parse(argc, argv, &o)) {
        fprintf(stderr, "usage: sdlapp [--frames N] [--size WxH] [--samples N] [--delay-ms D]\n");
        return 2;
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "sdlapp: SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_SetAttribute(SDL_GL_RED_SIZE, 8);
    SDL_GL_SetAttribute(SDL_GL_GREEN_SIZE, 8);
    SDL_GL_SetAttribute(SDL_GL_BLUE_SIZE, 8);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 24);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_MULTISAMPLEBUFFERS, o.samples > 0);
    SDL_GL_SetAttribute(SDL_GL_MULTISAMPLESAMPLES, o.samples);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_COMPATIBILITY);
    SDL_Window *win = SDL_CreateWindow("sdlapp", 0, 0, o.width, o.height, SDL_WINDOW_OPENGL);
    SDL_GLContext ctx = win ? SDL_GL_CreateContext(win) : NULL;
    if (!ctx) {
        fprintf(stderr, "sdlapp: no window or GL context: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_SetSwapInterval(0);
    int status = toolkit_run(&o, present, win);
    SDL_GL_DeleteContext(ctx);
    SDL_DestroyWindow(win);
    SDL_Quit();
    return status;
}
