#!/usr/bin/env python3
"""A multithreaded GL app (tests/apps/mtapp.c): 2 render threads on one X connection, each
with its own window and its own (unshared) legacy GLX context, created at the same time and
rendering at the same time; frame K of thread T is a pure function of T, K and the thread's
accumulated GL state. Under the split driver half (the default), every thread's hash sequence
must equal the reference run's, also when the driver is reloaded every 3 presented frames
(GLCR_RELOAD_EVERY=3, GLCR_VERIFY=1: replayed state and teardown leftovers checked) and
through a real CRIU checkpoint --kill + restore. A third variant makes thread 0 sleep between
its frames with its context current while thread 1 renders and triggers the reloads: thread
0 must be released by the park signal (the quiesce limit is shorter than its sleep).

The reference is the same app under the inproc driver half without reloads (the driver half
must not change a pixel). All variants run even when one fails, and the failure lists them
all. Output is read from the session's app.out/app.err files."""
import sys

import frames
from glcrtest import TestFailure, check, main, wait_gone

THREADS = 2
FRAMES = 45
RELOAD_EVERY = 3


def describe(glcr, name, rc=None):
    err = glcr.read(name, "app.err").strip().splitlines()
    err = [l for l in err if "resumed:" not in l and "prepared:" not in l]
    status = ""
    try:
        status = glcr.read(name, "exit_status").strip()
    except OSError:
        pass
    return "exit %s (%s); app.err: %s" % (rc, status, " | ".join(err[-4:]) or "(nothing)")


def run_foreground(glcr, name, env, *extra):
    app = ["--", glcr.mtapp, "--threads", THREADS, "--frames", FRAMES, *extra]
    glcr.started.append(name)
    p = glcr.run("run", "--name", name, "--size", "320x240", *app, check_rc=False, env=env, timeout=120)
    return p.returncode


def test_plain(glcr, ref):
    rc = run_foreground(glcr, "split", {})
    got, _, done = frames.of_session(glcr, "split")
    check(rc == 0 and done == 1, "split, no reloads: " + describe(glcr, "split", rc))
    frames.compare(ref, got, "split, no reloads")


def test_reloads(glcr, ref):
    rc = run_foreground(glcr, "reloading", {"GLCR_RELOAD_EVERY": RELOAD_EVERY, "GLCR_VERIFY": 1,
                                            "GLCR_LOG": "info"})
    got, _, done = frames.of_session(glcr, "reloading")
    check(rc == 0 and done == 1, "split, reload every %d frames: %s" % (RELOAD_EVERY, describe(glcr, "reloading", rc)))
    # The reload counter counts frames presented by all threads together.
    reloads = glcr.read("reloading", "app.err").count("resumed:")
    expect = THREADS * FRAMES // RELOAD_EVERY
    check(reloads == expect, "%d reloads logged, expected %d" % (reloads, expect))
    frames.compare(ref, got, "split with reloads")


def test_idle_thread(glcr, ref):
    rc = run_foreground(glcr, "idle-thread", {"GLCR_RELOAD_EVERY": RELOAD_EVERY, "GLCR_LOG": "info",
                                              "GLCR_QUIESCE_TIMEOUT": 0.05}, "--idle-ms", 100)
    got, _, done = frames.of_session(glcr, "idle-thread")
    check(rc == 0 and done == 1, "idle thread 0, reloads: " + describe(glcr, "idle-thread", rc))
    log = glcr.read("idle-thread", "app.err")
    check(log.count("resumed:") == THREADS * FRAMES // RELOAD_EVERY, "idle thread 0: %d reloads"
          % log.count("resumed:"))
    check("let go of their context on signal" in log, "idle thread 0 was never released by signal")
    frames.compare(ref, got, "idle thread 0 with reloads")


def test_criu(glcr, ref):
    name = "criu"
    glcr.start(name, glcr.mtapp, "--threads", THREADS, "--frames", FRAMES, "--delay-ms", 30,
               size="320x240")
    # Every thread well into its run, none finished.
    frames.wait_progress(glcr, name, 12)
    root = glcr.root_pid(name)
    glcr.run("checkpoint", name, "--kill")
    check(wait_gone(root), "session still alive after checkpoint --kill")
    before = frames.of_session(glcr, name)[0]
    check(len(before) < THREADS * FRAMES, "the app finished before the checkpoint")
    glcr.run("restore", name)
    frames.wait_done(glcr, name)
    got, lines, _ = frames.of_session(glcr, name)
    frames.compare(ref, got, "checkpoint --kill + restore")
    # Memory comes back as it was: no frame is rendered (printed) twice.
    check(lines == THREADS * FRAMES, "checkpoint --kill + restore: %d frame lines for %d frames"
          % (lines, THREADS * FRAMES))


def test(glcr, mtapp):
    glcr.mtapp = mtapp
    rc = run_foreground(glcr, "ref", {"GLCR_DRIVER_HALF": "inproc"})
    ref, lines, done = frames.of_session(glcr, "ref")
    check(rc == 0 and done == 1 and lines == THREADS * FRAMES,
          "reference run (inproc): %d frame lines; %s" % (lines, describe(glcr, "ref", rc)))
    for t in range(THREADS):
        seq = [ref[(t, k)] for k in range(1, FRAMES + 1)]
        check(len(set(seq)) > FRAMES // 2, "reference: thread %d has only %d distinct frames" % (t, len(set(seq))))
    check(ref[(0, 10)] != ref[(1, 10)], "reference: the threads render the same picture")

    failures = []
    variants = (test_plain, test_reloads, test_idle_thread, test_criu)
    for fn in variants:
        try:
            fn(glcr, ref)
        except TestFailure as e:
            failures.append(str(e))
    check(not failures, "\n  ".join(["%d of %d split variants failed:" % (len(failures), len(variants))] + failures))


if __name__ == "__main__":
    sys.exit(main(test))
