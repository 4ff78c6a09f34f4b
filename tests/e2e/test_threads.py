#!/usr/bin/env python3
"""A multithreaded GL app (tests/apps/mtapp.c): 2 render threads on one X connection, each
with its own window and its own (unshared) legacy GLX context, created at the same time and
rendering at the same time; frame K of thread T is a pure function of T, K and the thread's
accumulated GL state. Under the split driver half (the default), every thread's hash sequence
must equal the reference run's, also when the driver is reloaded every 3 presented frames
(GLCR_RELOAD_EVERY=3, GLCR_VERIFY=1: replayed state and teardown leftovers checked) and
through a real CRIU checkpoint --kill + restore.

The reference is the same app under the inproc driver half without reloads (the driver half
must not change a pixel). All variants run even when one fails, and the failure lists them
all. Output is read from the session's app.out/app.err files."""
import sys
import time

from glcrtest import TestFailure, alive, check, main, wait_gone

THREADS = 2
FRAMES = 45
RELOAD_EVERY = 3


def frames_of(glcr, name):
    """{(thread, frame): hash} from app.out; also the number of frame lines and 'done' lines.
    A (thread, frame) printed twice must have the same hash both times."""
    out, lines = {}, 0
    text = glcr.read(name, "app.out")
    for line in text.splitlines():
        p = line.split()
        if len(p) == 5 and p[0] == "thread" and p[2] == "frame":
            key = (int(p[1]), int(p[3]))
            lines += 1
            check(out.setdefault(key, p[4]) == p[4],
                  "%s: thread %d frame %d printed twice with different hashes" % (name, key[0], key[1]))
    return out, lines, text.count("done\n")


def describe(glcr, name, rc=None):
    err = glcr.read(name, "app.err").strip().splitlines()
    err = [l for l in err if "resumed:" not in l and "prepared:" not in l]
    status = ""
    try:
        status = glcr.read(name, "exit_status").strip()
    except OSError:
        pass
    return "exit %s (%s); app.err: %s" % (rc, status, " | ".join(err[-4:]) or "(nothing)")


def compare(ref, got, what):
    want = sorted(ref)
    missing = sorted(set(want) - set(got))
    check(not missing, "%s: %d frames missing, first %s" % (what, len(missing), missing[:4]))
    bad = [k for k in want if got[k] != ref[k]]
    check(not bad, "%s: %d frames differ from the reference, first thread %d frame %d (%s vs %s)"
          % (what, len(bad), bad[0][0], bad[0][1], got[bad[0]], ref[bad[0]]) if bad else "")


def run_foreground(glcr, name, env):
    app = ["--", glcr.mtapp, "--threads", THREADS, "--frames", FRAMES]
    glcr.started.append(name)
    p = glcr.run("run", "--name", name, "--size", "320x240", *app, check_rc=False, env=env, timeout=120)
    return p.returncode


def test_plain(glcr, ref):
    rc = run_foreground(glcr, "split", {})
    got, _, done = frames_of(glcr, "split")
    check(rc == 0 and done == 1, "split, no reloads: " + describe(glcr, "split", rc))
    compare(ref, got, "split, no reloads")


def test_reloads(glcr, ref):
    rc = run_foreground(glcr, "reloading", {"GLCR_RELOAD_EVERY": RELOAD_EVERY, "GLCR_VERIFY": 1,
                                            "GLCR_LOG": "info"})
    got, _, done = frames_of(glcr, "reloading")
    check(rc == 0 and done == 1, "split, reload every %d frames: %s" % (RELOAD_EVERY, describe(glcr, "reloading", rc)))
    # The reload counter counts frames presented by all threads together.
    reloads = glcr.read("reloading", "app.err").count("resumed:")
    expect = THREADS * FRAMES // RELOAD_EVERY
    check(reloads == expect, "%d reloads logged, expected %d" % (reloads, expect))
    compare(ref, got, "split with reloads")


def wait_until(glcr, name, cond, what, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if cond():
            return
        pid = glcr.root_pid(name)
        if pid and not alive(pid):
            if cond():
                return
            break
        time.sleep(0.02)
    raise TestFailure("%s: %s did not happen; %s" % (name, what, describe(glcr, name)))


def test_criu(glcr, ref):
    name = "criu"
    glcr.start(name, glcr.mtapp, "--threads", THREADS, "--frames", FRAMES, "--delay-ms", 30,
               size="320x240")
    # Every thread well into its run, none finished.
    wait_until(glcr, name, lambda: all((t, 12) in frames_of(glcr, name)[0] for t in range(THREADS)),
               "every thread reaching frame 12")
    root = glcr.root_pid(name)
    glcr.run("checkpoint", name, "--kill")
    check(wait_gone(root), "session still alive after checkpoint --kill")
    before = frames_of(glcr, name)[0]
    check(len(before) < THREADS * FRAMES, "the app finished before the checkpoint")
    glcr.run("restore", name)
    wait_until(glcr, name, lambda: frames_of(glcr, name)[2] >= 1, "'done' after the restore")
    got, lines, _ = frames_of(glcr, name)
    compare(ref, got, "checkpoint --kill + restore")
    # Memory comes back as it was: no frame is rendered (printed) twice.
    check(lines == THREADS * FRAMES, "checkpoint --kill + restore: %d frame lines for %d frames"
          % (lines, THREADS * FRAMES))


def test(glcr, mtapp):
    glcr.mtapp = mtapp
    rc = run_foreground(glcr, "ref", {"GLCR_DRIVER_HALF": "inproc"})
    ref, lines, done = frames_of(glcr, "ref")
    check(rc == 0 and done == 1 and lines == THREADS * FRAMES,
          "reference run (inproc): %d frame lines; %s" % (lines, describe(glcr, "ref", rc)))
    for t in range(THREADS):
        seq = [ref[(t, k)] for k in range(1, FRAMES + 1)]
        check(len(set(seq)) > FRAMES // 2, "reference: thread %d has only %d distinct frames" % (t, len(set(seq))))
    check(ref[(0, 10)] != ref[(1, 10)], "reference: the threads render the same picture")

    failures = []
    for fn in (test_plain, test_reloads, test_criu):
        try:
            fn(glcr, ref)
        except TestFailure as e:
            failures.append(str(e))
    check(not failures, "\n  ".join(["%d of 3 split variants failed:" % len(failures)] + failures))


if __name__ == "__main__":
    sys.exit(main(test))
