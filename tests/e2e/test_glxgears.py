#!/usr/bin/env python3
"""glxgears (GLX: display lists, fixed-function lighting, matrices) and es2gears_x11 (EGL on
X11, OpenGL ES 2: shaders, buffers) under glcr: a leave-running snapshot, then checkpoint
--kill + restore; the app must keep presenting frames and the restored display must show the
gears. (Both animate by the clock: frame identity is tested with deterministic apps and
replayed traces, tests/e2e/test_detapp.py and test_retrace.py.)"""
import os
import sys
import time

from glcrtest import check, main, non_black_pixels, read_png_rgb, alive, wait_gone


def test(glcr):
    gears(glcr, "gears", "glxgears")
    gears(glcr, "es2gears", "es2gears_x11")  # mesa-utils, as glxgears


def gears(glcr, name, program):
    glcr.start(name, program)
    glcr.wait_frames(name, 50)
    shot = os.path.join(glcr.dir, "before.png")
    glcr.run("screenshot", name, shot)
    w, h, rgb = read_png_rgb(shot)
    check((w, h) == (640, 480), "screenshot is %dx%d, expected 640x480" % (w, h))
    before = non_black_pixels(rgb)
    check(before > 5000, "gears not visible before the checkpoint (%d coloured pixels)" % before)

    # Leave-running snapshot: the app pauses and goes on.
    out = glcr.run("checkpoint", name).stdout
    check("snapshot 0001" in out, "unexpected checkpoint output: %s" % out)
    f0 = glcr.frames(name)
    glcr.wait_frames(name, f0 + 50)

    # Kill + restore.
    root = glcr.root_pid(name)
    glcr.run("checkpoint", name, "--kill")
    check(wait_gone(root), "session init %d still alive after checkpoint --kill" % root)
    st = glcr.status(name)
    check(st["state"] == "checkpointed", "state after --kill is %s" % st["state"])
    out = glcr.run("restore", name).stdout
    check("first frame after" in out, "restore did not report a new frame: %s" % out)
    f1 = glcr.frames(name)
    time.sleep(0.5)
    f2 = glcr.frames(name)
    check(f2 > f1 > 0, "frame count not rising after restore (%d then %d)" % (f1, f2))
    glcr.run("screenshot", name, shot)
    after = non_black_pixels(read_png_rgb(shot)[2])
    check(after > 5000, "restored display shows no gears (%d coloured pixels)" % after)
    # The gears have the same size: only their rotation differs.
    check(abs(after - before) < before * 0.2, "gear area changed from %d to %d pixels" % (before, after))

    root = glcr.root_pid(name)
    glcr.run("stop", name)
    check(wait_gone(root) and not alive(root), "session still running after stop")
    check("stopped" in glcr.run("status", name).stdout, "status does not say stopped")
    print("%s: %d coloured pixels before, %d after kill + restore" % (program, before, after))


if __name__ == "__main__":
    sys.exit(main(test))
