#!/usr/bin/env python3
"""The split driver half never harms the app's heap (tests/apps/heapcheck.c): the app fills
thousands of malloc blocks in its brk heap with patterns, then renders frames under glcr with
the driver reloaded every 2 frames (55 reloads: a fresh lower ld.so, libc and driver each
time) while it keeps allocating and freeing between frames. After every frame it checks every
block's pattern, that the program break did not move across the frame's GL calls and swap
(where the reloads happen), and that the kernel's break equals the one the app's libc knows.

First, the checks are shown to fail: a frame that flips one heap byte, and one that moves the
break with a raw brk() behind libc's back (what a second libc in the lower half using brk
would do), must each end the app with exit 1 and the right message."""
import sys

from glcrtest import check, main

FRAMES = 110
RELOAD_EVERY = 2


def run(glcr, name, heapcheck, frames, *extra, env=None):
    glcr.started.append(name)
    p = glcr.run("run", "--name", name, "--size", "320x240", "--", heapcheck, "--frames", frames,
                 *extra, check_rc=False, env=env, timeout=150)
    return p.returncode, glcr.read(name, "app.out"), glcr.read(name, "app.err")


def test(glcr, heapcheck):
    split = {"GLCR_DRIVER_HALF": "split"}
    for inject, message in (("corrupt", "corrupt at byte"), ("brk", "the program break moved")):
        rc, out, err = run(glcr, "inject-" + inject, heapcheck, 6, "--inject", inject,
                           "--inject-frame", 4, env=split)
        check(rc == 1 and message in err and "ok 3\n" in out and "ok 4\n" not in out,
              "--inject %s was not caught at frame 4: exit %d, stderr: %s" % (inject, rc, err[-500:]))

    env = dict(split, GLCR_RELOAD_EVERY=RELOAD_EVERY, GLCR_LOG="info")
    rc, out, err = run(glcr, "reloading", heapcheck, FRAMES, env=env)
    problems = [l for l in err.splitlines() if "resumed:" not in l and "prepared:" not in l]
    check(rc == 0, "heapcheck exited %d under split with reloads: %s" % (rc, "\n".join(problems[-5:])))
    oks = [l for l in out.splitlines() if l.startswith("ok ")]
    check(oks == ["ok %d" % n for n in range(1, FRAMES + 1)] and out.endswith("done\n"),
          "%d of %d frames ok, last lines: %s" % (len(oks), FRAMES, out.splitlines()[-3:]))
    reloads = err.count("resumed:")
    check(reloads == FRAMES // RELOAD_EVERY, "%d reloads logged, expected %d" % (reloads, FRAMES // RELOAD_EVERY))
    check(reloads >= 50, "only %d reloads" % reloads)


if __name__ == "__main__":
    sys.exit(main(test))
