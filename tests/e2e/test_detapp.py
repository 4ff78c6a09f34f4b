#!/usr/bin/env python3
"""The deterministic app (tests/apps/detapp.c) renders frame N as a pure function of N and
its accumulated GL state (display list, lighting, matrix stack, textures updated from the
framebuffer every frame, a vertex buffer). Every frame presented after a restore must hash
exactly like the same frame of an uninterrupted run, in both checkpoint modes."""
import sys

import frames
from glcrtest import check, main, wait_gone

FRAMES = 90


def hashes(glcr, name):
    got, lines, _ = frames.of_session(glcr, name)
    return got, lines


def check_run(ref, got, lines, expect_lines, mode):
    frames.compare(ref, got, mode, keys=range(1, FRAMES + 1))
    check(expect_lines(lines), "%s: %d frame lines printed" % (mode, lines))


def test(glcr, detapp, *options, prefix=""):
    """options: more arguments for the app (those of detapp's interface: --frames, --size and
    --delay-ms are given here); prefix: for the session names, when one test runs this more
    than once."""
    app = [detapp, *options, "--frames", FRAMES, "--size", "200x160"]
    ref, kill, live = prefix + "ref", prefix + "kill", prefix + "live"
    glcr.start(ref, *app)
    frames.wait_done(glcr, ref)
    reference, _ = hashes(glcr, ref)
    check(len(reference) == FRAMES and len(set(reference.values())) > FRAMES // 2,
          "reference run: %d frames, %d distinct" % (len(reference), len(set(reference.values()))))

    # Kill + restore: every frame printed exactly once, all equal to the reference.
    glcr.start(kill, *app, "--delay-ms", 15)
    frames.wait_progress(glcr, kill, 30)
    root = glcr.root_pid(kill)
    glcr.run("checkpoint", kill, "--kill")
    check(wait_gone(root), "session still alive after checkpoint --kill")
    before = len(hashes(glcr, kill)[0])
    check(before < FRAMES, "the app finished before the checkpoint (%d frames)" % before)
    glcr.run("restore", kill)
    frames.wait_done(glcr, kill)
    got, lines = hashes(glcr, kill)
    check_run(reference, got, lines, lambda n: n == FRAMES, "kill+restore")

    # Leave-running: the original finishes, then the restored copy replays the tail.
    glcr.start(live, *app, "--delay-ms", 15)
    frames.wait_progress(glcr, live, 30)
    glcr.run("checkpoint", live)
    frames.wait_done(glcr, live)
    first_run_lines = hashes(glcr, live)[1]
    wait_gone(glcr.root_pid(live))
    glcr.run("restore", live)
    frames.wait_done(glcr, live, times=2)
    got, lines = hashes(glcr, live)
    check_run(reference, got, lines, lambda n: n > first_run_lines, "leave-running+restore")


if __name__ == "__main__":
    sys.exit(main(test))
