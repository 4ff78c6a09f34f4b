#!/usr/bin/env python3
"""OpenGL ES through EGL on X11 (tests/apps/esapp): the EGL API is emulated by glcr like GLX.
The deterministic ES 2 app goes through checkpoint --kill + restore and a leave-running
checkpoint + restore (the procedure of test_detapp.py); then, reaching its display through
eglGetPlatformDisplay(EGL_PLATFORM_X11_KHR), through a driver reload every 2 frames with
GLCR_VERIFY re-reading the replayed state, as an ES 2 app (default vertex array, attribute
arrays set up once) and as an ES 3 app (a vertex array object), and as an ES 3 app on a
multisample window (EGL_SAMPLES 4: every sample restored, reads from the window resolved):
every frame must hash like the uninterrupted run's."""
import sys

import frames
import test_detapp
from glcrtest import main

RELOAD_FRAMES = 24


def reload_every_2_frames(glcr, esapp, es, samples=0):
    frames.same_with_reloads(glcr, "es%s-%d" % (es, samples), RELOAD_FRAMES,
                             [esapp, "--platform", "--es", es, "--frames", RELOAD_FRAMES, "--size", "160x120",
                              "--samples", samples])


def test(glcr, esapp):
    test_detapp.test(glcr, esapp)
    reload_every_2_frames(glcr, esapp, 2)
    reload_every_2_frames(glcr, esapp, 3)
    reload_every_2_frames(glcr, esapp, 3, samples=4)

if __name__ == "__main__":
    sys.exit(main(test))
