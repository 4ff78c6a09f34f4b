#!/usr/bin/env python3
"""Runs one GL preserve test (see preserve.h) under glcr and requires the output of an
uninterrupted run from every way of taking it through pt_checkpoint:

  reload          a driver reload at pt_checkpoint (GLCR_RELOAD_EVERY=1, with GLCR_VERIFY=1
                  re-reading the replayed state)
  keep            a checkpoint that keeps the driver (GLCR_RELOAD_KEEP=1: the state is read
                  back and the same driver goes on)
  leave-running   a snapshot while the test waits at pt_checkpoint; the original goes on
  cycles          snapshots in a row of the same session, alternately --kill + restore and
                  leave-running; then the copy restored last finishes (4 in the test suite,
                  GLCR_PRESERVE_CYCLES=20 for a longer soak)
  kill + restore  (the odd cycles)
  older snapshot  the first (leave-running) snapshot restored after the newer ones exist;
                  that copy finishes too

With --engine dmtcp, instead of reload and keep: a snapshot that lets the test go on with
its driver (kept out of the image), after which that snapshot is restored and the restored
copy goes on too; then the cycles through DMTCP.
Skipped where DMTCP is not installed.

usage: run_preserve.py GLCR [--engine dmtcp] TEST_BINARY"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from glcrtest import alive, check, main, wait_gone  # noqa: E402

CYCLES = int(os.environ.get("GLCR_PRESERVE_CYCLES", "4"))


def output_lines(text):
    return [l for l in text.splitlines() if l and l != "checkpoint-here"]


def wait_for(glcr, name, word, timeout=60, times=1):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if glcr.read(name, "app.out").split("\n").count(word) >= times:
            return
        if "exited" in glcr.run("status", name, check_rc=False).stdout or \
                glcr.read(name, "app.err").strip():
            # It may have printed the word and exited since app.out was read.
            if word in glcr.read(name, "app.out").split("\n"):
                return
            break
        time.sleep(0.02)
    raise AssertionError("%s: no '%s' (app.err: %s)" % (name, word, glcr.read(name, "app.err")[-800:]))


def test(glcr, binary):
    test_name = os.path.basename(binary)

    def foreground(name, env):
        glcr.started.append(name)
        p = glcr.run("run", "--name", name, "--size", "320x240", "--", binary, env=env, check_rc=False)
        check(p.returncode == 0, "%s (%s): exit %d: %s" % (test_name, name, p.returncode, p.stderr[-800:]))
        lines = output_lines(p.stdout)
        check(lines and lines[-1] == "done", "%s (%s): did not finish: %s" % (test_name, name, p.stdout[-300:]))
        return lines

    plain = foreground("plain", {})

    def same(got, what):
        diff = [(a, b) for a, b in zip(plain, got) if a != b]
        check(len(plain) == len(got) and not diff,
              "%s: %s: %s" % (test_name, what, diff[:5] or "%d vs %d lines" % (len(plain), len(got))))

    if glcr.engine != "dmtcp":
        same(foreground("reload", {"GLCR_RELOAD_EVERY": 1, "GLCR_VERIFY": 1}), "after a driver reload")
        same(foreground("keep", {"GLCR_RELOAD_EVERY": 1, "GLCR_RELOAD_KEEP": 1}),
             "after a checkpoint that kept the driver")
    else:
        # A snapshot that lets the test go on: it goes on with the driver it had.
        resume = os.path.join(glcr.dir, "resume-live-" + test_name)
        glcr.started.append("live")
        glcr.run("run", "-d", "--name", "live", "--size", "320x240", "--", binary, env={"PT_RESUME_FILE": resume})
        wait_for(glcr, "live", "checkpoint-here")
        glcr.run("checkpoint", "live")
        open(resume, "w").close()
        wait_for(glcr, "live", "done")
        expect_output(glcr, "live", test_name, plain, 1, "after a snapshot that kept the driver")
        # That snapshot, restored: the restored copy renders the rest again, with a fresh driver.
        check(wait_gone(glcr.root_pid("live")), "%s: the live session did not end" % test_name)
        glcr.run("restore", "live")
        wait_for(glcr, "live", "done", times=2)
        expect_output(glcr, "live", test_name, plain, 2, "after restoring a snapshot that kept the driver")

    # Through real checkpoints and restores, all while the test waits at pt_checkpoint.
    resume = os.path.join(glcr.dir, "resume-" + test_name)
    engine = glcr.engine or "criu"
    cycles = CYCLES
    glcr.started.append(engine)
    glcr.run("run", "-d", "--name", engine, "--size", "320x240", "--", binary, env={"PT_RESUME_FILE": resume})
    wait_for(glcr, engine, "checkpoint-here")
    for cycle in range(cycles):
        root = glcr.root_pid(engine)
        if cycle % 2 == 0:
            glcr.run("checkpoint", engine)  # leave-running: the original goes on waiting
            check(alive(root), "%s: cycle %d: leave-running checkpoint ended the app" % (test_name, cycle + 1))
        else:
            glcr.run("checkpoint", engine, "--kill")
            check(wait_gone(root), "%s: cycle %d: session alive after checkpoint --kill" % (test_name, cycle + 1))
            glcr.run("restore", engine)
    # The copy restored last goes on: the killed ones cannot see the file any more.
    open(resume, "w").close()
    wait_for(glcr, engine, "done")
    expect_output(glcr, engine, test_name, plain, 1, "after %d snapshots (kill + restore, leave-running)" % cycles)
    # The first snapshot, after all the newer ones.
    check(wait_gone(glcr.root_pid(engine)), "%s: the finished app did not end" % test_name)
    glcr.run("restore", engine + "@0001")
    wait_for(glcr, engine, "done", times=2)
    expect_output(glcr, engine, test_name, plain, 2,
                  "restoring the first snapshot after %d newer ones" % (cycles - 1))


def expect_output(glcr, name, test_name, plain, copies, what):
    """app.out holds what the test printed before pt_checkpoint once, then what it printed
    after it once per copy that went on; each must equal the uninterrupted run's."""
    text = glcr.read(name, "app.out")
    before, _, after = text.partition("checkpoint-here\n")
    pre = output_lines(before)
    got = output_lines(after)
    post = plain[len(pre):]
    diff = [(a, b) for a, b in zip(plain[:len(pre)], pre) if a != b]
    check(not diff, "%s: %s: before the checkpoint: %s" % (test_name, what, diff[:5]))
    check(len(got) >= len(post) * copies, "%s: %s: %d lines after the checkpoint, expected %d" % (
        test_name, what, len(got), len(post) * copies))
    last = got[len(post) * (copies - 1):len(post) * copies]
    diff = [(a, b) for a, b in zip(post, last) if a != b]
    check(last == post, "%s: %s: %s" % (test_name, what, diff[:5] or "%d vs %d lines" % (len(post), len(last))))


if __name__ == "__main__":
    sys.exit(main(test))
