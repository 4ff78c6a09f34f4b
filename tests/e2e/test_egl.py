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

import test_detapp
from glcrtest import check, main

RELOAD_FRAMES = 24


def frame_lines(text):
    return [l for l in text.splitlines() if l.startswith("frame ")]


def reload_every_2_frames(glcr, esapp, es, samples=0):
    app = ["--", esapp, "--platform", "--es", es, "--frames", RELOAD_FRAMES, "--size", "160x120",
           "--samples", samples]
    plain, reload = "es%s-%d-plain" % (es, samples), "es%s-%d-reload" % (es, samples)
    glcr.started += [plain, reload]
    ref = glcr.run("run", "--name", plain, "--size", "320x240", *app)
    got = glcr.run("run", "--name", reload, "--size", "320x240", *app,
                   env={"GLCR_RELOAD_EVERY": 2, "GLCR_VERIFY": 1, "GLCR_LOG": "info"})
    reloads = got.stderr.count("resumed:")
    check(reloads == RELOAD_FRAMES // 2, "ES %s: %d reloads logged, expected %d\n%s" % (
        es, reloads, RELOAD_FRAMES // 2, got.stderr[-2000:]))
    a, b = frame_lines(ref.stdout), frame_lines(got.stdout)
    check(len(a) == RELOAD_FRAMES and a == b, "ES %s: frames differ across reloads:\n%s" % (es, "\n".join(
        "%s | %s" % (x, y) for x, y in zip(a, b) if x != y)))


def test(glcr, esapp):
    test_detapp.test(glcr, esapp)
    reload_every_2_frames(glcr, esapp, 2)
    reload_every_2_frames(glcr, esapp, 3)
    reload_every_2_frames(glcr, esapp, 3, samples=4)

if __name__ == "__main__":
    sys.exit(main(test))
