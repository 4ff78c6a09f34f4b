#!/usr/bin/env python3
"""The deterministic app (tests/apps/detapp.c) renders frame N as a pure function of N and
its accumulated GL state (display list, lighting, matrix stack, textures updated from the
framebuffer every frame, a vertex buffer). Every frame presented after a restore must hash
exactly like the same frame of an uninterrupted run, in both checkpoint modes."""
import sys
import time

from glcrtest import check, main, wait_gone

FRAMES = 90


def hashes(glcr, name):
    out = {}
    lines = 0
    for line in glcr.read(name, "app.out").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "frame":
            n, h = int(parts[1]), parts[2]
            lines += 1
            if n in out and out[n] != h:
                raise AssertionError("frame %d printed twice with different hashes" % n)
            out.setdefault(n, h)
            check(out[n] == h, "frame %d: two different hashes in one run" % n)
    return out, lines


def wait_done(glcr, name, times=1, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if glcr.read(name, "app.out").count("done\n") >= times:
            return
        time.sleep(0.05)
    raise AssertionError("%s did not finish (app.err: %s)" % (name, glcr.read(name, "app.err")[-500:]))


def wait_frame(glcr, name, n, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if len(hashes(glcr, name)[0]) >= n:
            return
        time.sleep(0.01)
    raise AssertionError("%s did not reach frame %d" % (name, n))


def compare(ref, got, lines, expect_lines, mode):
    check(sorted(got) == list(range(1, FRAMES + 1)), "%s: frames missing: %s" % (
        mode, sorted(set(range(1, FRAMES + 1)) - set(got))[:10]))
    bad = [n for n in range(1, FRAMES + 1) if got[n] != ref[n]]
    check(not bad, "%s: frames %s differ from the uninterrupted run (first: %s vs %s)" % (
        mode, bad[:10], got[bad[0]] if bad else "", ref[bad[0]] if bad else ""))
    check(expect_lines(lines), "%s: %d frame lines printed" % (mode, lines))


def test(glcr, detapp):
    app = [detapp, "--frames", FRAMES, "--size", "200x160"]
    glcr.start("ref", *app)
    wait_done(glcr, "ref")
    ref, _ = hashes(glcr, "ref")
    check(len(ref) == FRAMES and len(set(ref.values())) > FRAMES // 2,
          "reference run: %d frames, %d distinct" % (len(ref), len(set(ref.values()))))

    # Kill + restore: every frame printed exactly once, all equal to the reference.
    glcr.start("kill", *app, "--delay-ms", 15)
    wait_frame(glcr, "kill", 30)
    root = glcr.root_pid("kill")
    glcr.run("checkpoint", "kill", "--kill")
    check(wait_gone(root), "session still alive after checkpoint --kill")
    before = len(hashes(glcr, "kill")[0])
    check(before < FRAMES, "the app finished before the checkpoint (%d frames)" % before)
    glcr.run("restore", "kill")
    wait_done(glcr, "kill")
    got, lines = hashes(glcr, "kill")
    compare(ref, got, lines, lambda n: n == FRAMES, "kill+restore")

    # Leave-running: the original finishes, then the restored copy replays the tail.
    glcr.start("live", *app, "--delay-ms", 15)
    wait_frame(glcr, "live", 30)
    glcr.run("checkpoint", "live")
    wait_done(glcr, "live")
    first_run_lines = hashes(glcr, "live")[1]
    wait_gone(glcr.root_pid("live"))
    glcr.run("restore", "live")
    wait_done(glcr, "live", times=2)
    got, lines = hashes(glcr, "live")
    compare(ref, got, lines, lambda n: n > first_run_lines, "leave-running+restore")


if __name__ == "__main__":
    sys.exit(main(test))
