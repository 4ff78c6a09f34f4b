#!/usr/bin/env python3
"""glxgears (display lists, fixed-function lighting, matrices) under glcr: a leave-running
snapshot, then checkpoint --kill + restore; the app must keep presenting frames and the
restored display must show the gears."""
import os
import sys
import time

from glcrtest import check, main, non_black_pixels, read_png_rgb, alive, wait_gone


def test(glcr):
    glcr.start("gears", "glxgears")
    glcr.wait_frames("gears", 50)
    shot = os.path.join(glcr.dir, "before.png")
    glcr.run("screenshot", "gears", shot)
    w, h, rgb = read_png_rgb(shot)
    check((w, h) == (640, 480), "screenshot is %dx%d, expected 640x480" % (w, h))
    before = non_black_pixels(rgb)
    check(before > 5000, "gears not visible before the checkpoint (%d coloured pixels)" % before)

    # Leave-running snapshot: the app pauses and goes on.
    out = glcr.run("checkpoint", "gears").stdout
    check("snapshot 0001" in out, "unexpected checkpoint output: %s" % out)
    f0 = glcr.frames("gears")
    glcr.wait_frames("gears", f0 + 50)

    # Kill + restore.
    root = glcr.root_pid("gears")
    glcr.run("checkpoint", "gears", "--kill")
    check(wait_gone(root), "session init %d still alive after checkpoint --kill" % root)
    st = glcr.status("gears")
    check(st["state"] == "checkpointed", "state after --kill is %s" % st["state"])
    out = glcr.run("restore", "gears").stdout
    check("first frame after" in out, "restore did not report a new frame: %s" % out)
    f1 = glcr.frames("gears")
    time.sleep(0.5)
    f2 = glcr.frames("gears")
    check(f2 > f1 > 0, "frame count not rising after restore (%d then %d)" % (f1, f2))
    glcr.run("screenshot", "gears", shot)
    after = non_black_pixels(read_png_rgb(shot)[2])
    check(after > 5000, "restored display shows no gears (%d coloured pixels)" % after)
    # The gears have the same size: only their rotation differs.
    check(abs(after - before) < before * 0.2, "gear area changed from %d to %d pixels" % (before, after))

    root = glcr.root_pid("gears")
    glcr.run("stop", "gears")
    check(wait_gone(root) and not alive(root), "session still running after stop")
    check("stopped" in glcr.run("status", "gears").stdout, "status does not say stopped")


if __name__ == "__main__":
    sys.exit(main(test))
