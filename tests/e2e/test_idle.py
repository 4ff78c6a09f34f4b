#!/usr/bin/env python3
"""An app that holds its GL context while it idles in an X event loop (tests/apps/detapp
--idle-ms: poll() on the X connection between frames, as GUI toolkits do) is checkpointed
while it idles: its thread never reaches a GL call during the checkpoint, so glcr must make it
let go of its context by signal. The quiesce limit is set far below the idle time, so waiting
for the next GL call cannot pass. Leave-running and kill + restore: every frame is printed
exactly once and hashes like the uninterrupted run's; the log says the thread was released.
An idle app that blocks the park signal cannot be checkpointed: the checkpoint fails in one
line naming the thread, its context and the blocked signal, and the app goes on unharmed."""
import os
import sys

import frames
from glcrtest import check, main, wait_gone

FRAMES = 6
RELEASED = "let go of their context on signal"


def test(glcr, detapp):
    app = [detapp, "--frames", FRAMES, "--size", "200x160"]
    glcr.start("ref", *app)
    frames.wait_done(glcr, "ref")
    ref = frames.of_session(glcr, "ref")[0]
    check(len(ref) == FRAMES, "reference run: %d frames" % len(ref))

    os.environ.update(GLCR_QUIESCE_TIMEOUT="1", GLCR_LOG="info")
    glcr.start("idle", *app, "--idle-ms", 2500)
    frames.wait_progress(glcr, "idle", 2)
    glcr.run("checkpoint", "idle")
    glcr.run("checkpoint", "idle", "--kill")
    check(wait_gone(glcr.root_pid("idle")), "session still alive after checkpoint --kill")
    before = frames.of_session(glcr, "idle")[0]
    check(len(before) < FRAMES, "the app finished before the checkpoint (%d frames)" % len(before))
    glcr.run("restore", "idle")
    frames.wait_done(glcr, "idle")
    got, lines, _ = frames.of_session(glcr, "idle")
    frames.compare(ref, got, "idle app, leave-running then kill + restore")
    check(lines == FRAMES, "%d frame lines printed for %d frames" % (lines, FRAMES))
    log = glcr.read("idle", "app.err")
    check(RELEASED in log, "the idle thread was not released by signal; app.err:\n" + log[-1500:])
    print("idle app: checkpointed twice while idle, restored, %d frames identical" % FRAMES)

    glcr.start("blocked", *app, "--idle-ms", 1500, "--block-rt-signals")
    frames.wait_progress(glcr, "blocked", 1)
    p = glcr.run("checkpoint", "blocked", check_rc=False)
    err = (p.stdout + p.stderr).strip()
    check(p.returncode != 0, "a checkpoint of an app blocking the park signal succeeded: " + err)
    check("blocks the park signal" in err and "holds GL context" in err and len(err.splitlines()) == 1,
          "the refusal does not say why in one line: " + err)
    frames.wait_done(glcr, "blocked")
    frames.compare(ref, frames.of_session(glcr, "blocked")[0], "app after the refused checkpoint")
    print("idle app blocking the signal: refused (%s), app finished unharmed" % err)


if __name__ == "__main__":
    sys.exit(main(test))
