#!/usr/bin/env python3
"""OpenGL ES through EGL on X11 (tests/apps/esapp): the EGL API is emulated by glcr like GLX.
The deterministic ES 2 app goes through checkpoint --kill + restore and a leave-running
checkpoint + restore (the procedure of test_detapp.py); then, reaching its display through
eglGetPlatformDisplay(EGL_PLATFORM_X11_KHR), through a driver reload every 2 frames with
GLCR_VERIFY re-reading the replayed state: every frame must hash like the uninterrupted run's."""
import sys

import test_detapp
from glcrtest import check, main

RELOAD_FRAMES = 24


def frame_lines(text):
    return [l for l in text.splitlines() if l.startswith("frame ")]


def test(glcr, esapp):
    test_detapp.test(glcr, esapp)

    app = ["--", esapp, "--platform", "--frames", RELOAD_FRAMES, "--size", "160x120"]
    glcr.started += ["es-plain", "es-reload"]
    ref = glcr.run("run", "--name", "es-plain", "--size", "320x240", *app)
    got = glcr.run("run", "--name", "es-reload", "--size", "320x240", *app,
                   env={"GLCR_RELOAD_EVERY": 2, "GLCR_VERIFY": 1, "GLCR_LOG": "info"})
    reloads = got.stderr.count("resumed:")
    check(reloads == RELOAD_FRAMES // 2, "%d reloads logged, expected %d\n%s" % (
        reloads, RELOAD_FRAMES // 2, got.stderr[-2000:]))
    a, b = frame_lines(ref.stdout), frame_lines(got.stdout)
    check(len(a) == RELOAD_FRAMES and a == b, "frames differ across reloads:\n%s" % "\n".join(
        "%s | %s" % (x, y) for x, y in zip(a, b) if x != y))


if __name__ == "__main__":
    sys.exit(main(test))
