#!/usr/bin/env python3
"""Toolkits choosing their own visual and config: the same deterministic scene in a window
and context made by SDL2 (sdlapp) and by GLFW 3 (glfwapp), each without and with 4 samples
per pixel (SDL_GL_MULTISAMPLESAMPLES, GLFW_SAMPLES; the apps fail unless GL reports the
samples asked for). Each goes through a checkpoint --kill + restore and a leave-running
checkpoint + restore (the procedure of test_detapp.py), and through a driver reload every 2
frames: every frame must hash like the uninterrupted run's. Skipped for an app that was not
built (its library is missing; scripts/setup installs both)."""
import os
import sys

import test_detapp
from glcrtest import check, main

RELOAD_FRAMES = 16


def frame_lines(text):
    return [l for l in text.splitlines() if l.startswith("frame ")]


def reload_every_2_frames(glcr, app, samples):
    name = "%s-%d" % (os.path.basename(app), samples)
    argv = ["--", app, "--frames", RELOAD_FRAMES, "--size", "160x120", "--samples", samples]
    glcr.started += [name + "-plain", name + "-reload"]
    ref = glcr.run("run", "--name", name + "-plain", "--size", "320x240", *argv)
    got = glcr.run("run", "--name", name + "-reload", "--size", "320x240", *argv,
                   env={"GLCR_RELOAD_EVERY": 2, "GLCR_LOG": "info"})
    reloads = got.stderr.count("resumed:")
    check(reloads == RELOAD_FRAMES // 2, "%s: %d reloads logged, expected %d\n%s" % (
        name, reloads, RELOAD_FRAMES // 2, got.stderr[-2000:]))
    a, b = frame_lines(ref.stdout), frame_lines(got.stdout)
    check(len(a) == RELOAD_FRAMES and a == b, "%s: frames differ across reloads:\n%s" % (name, "\n".join(
        "%s | %s" % (x, y) for x, y in zip(a, b) if x != y)))


def test(glcr, *apps):
    built = [a for a in apps if os.path.exists(a)]
    if not built:
        print("SKIP: neither sdlapp nor glfwapp was built (libsdl2-dev, libglfw3-dev: scripts/setup)")
        return 77
    for app in built:
        for samples in (0, 4):
            test_detapp.test(glcr, app, "--samples", samples, prefix="%s-%d-" % (os.path.basename(app), samples))
            reload_every_2_frames(glcr, app, samples)
        print("%s: checkpoint --kill + restore, leave-running + restore, reloads: frames identical, "
              "with 0 and 4 samples" % os.path.basename(app))


if __name__ == "__main__":
    sys.exit(main(test))
