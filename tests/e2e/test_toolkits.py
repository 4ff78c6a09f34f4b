#!/usr/bin/env python3
"""Toolkits choosing their own visual and config: the same deterministic scene in a window
and context made by SDL2 (sdlapp) and by GLFW 3 (glfwapp), each without and with 4 samples
per pixel (SDL_GL_MULTISAMPLESAMPLES, GLFW_SAMPLES; the apps fail unless GL reports the
samples asked for). Each goes through a checkpoint --kill + restore and a leave-running
checkpoint + restore (the procedure of test_detapp.py), and through a driver reload every 2
frames: every frame must hash like the uninterrupted run's. Without samples, the frames must
also equal those of the app run natively (on a private Xvfb of the same size). Skipped for an
app that was not built (its library is missing; scripts/setup installs both)."""
import os
import subprocess
import sys

import frames
import test_detapp
from glcrtest import Xvfb, check, main
from test_native import native_env

RELOAD_FRAMES = 16


def test(glcr, *apps):
    built = [a for a in apps if os.path.exists(a)]
    if not built:
        print("SKIP: neither sdlapp nor glfwapp was built (libsdl2-dev, libglfw3-dev: scripts/setup)")
        return 77
    for app in built:
        for samples in (0, 4):
            test_detapp.test(glcr, app, "--samples", samples, prefix="%s-%d-" % (os.path.basename(app), samples))
            argv = [app, "--frames", RELOAD_FRAMES, "--size", "160x120", "--samples", samples]
            under_glcr = frames.same_with_reloads(glcr, "%s-%d" % (os.path.basename(app), samples), RELOAD_FRAMES, argv)
            if samples == 0:
                # Mesa's glReadPixels of a multisample window returns one sample, glcr's the
                # resolved pixels (doc/design.md): only the single-sample frames compare.
                with Xvfb(320, 240) as x:
                    p = subprocess.run([str(a) for a in argv], env=native_env(x.display), capture_output=True,
                                       text=True, timeout=60)
                native = [l for l in p.stdout.splitlines() if l.startswith("frame ")]
                check(p.returncode == 0 and native == under_glcr, "%s natively (exit %d): frames differ from "
                      "glcr's: %s" % (os.path.basename(app), p.returncode, p.stderr[-300:] or
                                      [(x, y) for x, y in zip(native, under_glcr) if x != y][:3]))
        print("%s: checkpoint --kill + restore, leave-running + restore, reloads: frames identical, "
              "with 0 and 4 samples; without samples identical to the native run" % os.path.basename(app))


if __name__ == "__main__":
    sys.exit(main(test))
