#!/usr/bin/env python3
"""Runs one GL preserve test (see preserve.h) several ways under glcr and requires identical
output: without a reload, with a driver reload at pt_checkpoint (GLCR_RELOAD_EVERY=1, with
GLCR_VERIFY=1 re-reading the replayed state), through a checkpoint that keeps the driver
(GLCR_RELOAD_KEEP=1: the state is read back and the same driver goes on), and through CRIU
(checkpoint --kill while the test waits at pt_checkpoint, then restore).

With --engine dmtcp: without a reload, then through DMTCP twice -- a snapshot that lets the
test go on with its driver (kept out of the image), after which that snapshot is restored
and the restored copy goes on too; and checkpoint --kill + restore. Skipped where DMTCP is
not installed.

usage: run_preserve.py GLCR [--engine dmtcp] TEST_BINARY"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from glcrtest import check, main, wait_gone  # noqa: E402


def output_lines(text):
    return [l for l in text.splitlines() if l and l != "checkpoint-here"]


def wait_for(glcr, name, word, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        # glcr run -d returns once the app is started: it may not have created app.out yet.
        if os.path.exists(glcr.session_file(name, "app.out")) and word in glcr.read(name, "app.out").split("\n"):
            return
        if "exited" in glcr.run("status", name, check_rc=False).stdout or \
                glcr.read(name, "app.err").strip():
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
        text = glcr.read("live", "app.out")
        same(output_lines(text), "after a snapshot that kept the driver")
        # That snapshot, restored: the restored copy renders the rest again, with a fresh driver.
        before = output_lines(text.split("checkpoint-here")[0])
        check(wait_gone(glcr.root_pid("live")), "%s: the live session did not end" % test_name)
        glcr.run("restore", "live")
        deadline = time.time() + 60
        while glcr.read("live", "app.out").count("done\n") < 2 and time.time() < deadline:
            time.sleep(0.02)
        restored = output_lines(glcr.read("live", "app.out").split("done\n", 1)[1])
        same(before + restored, "after restoring a snapshot that kept the driver")

    # Through a real checkpoint and restore.
    resume = os.path.join(glcr.dir, "resume-" + test_name)
    glcr.started.append("killed")
    glcr.run("run", "-d", "--name", "killed", "--size", "320x240", "--", binary, env={"PT_RESUME_FILE": resume})
    wait_for(glcr, "killed", "checkpoint-here")
    root = glcr.root_pid("killed")
    glcr.run("checkpoint", "killed", "--kill")
    check(wait_gone(root), "%s: session still alive after checkpoint --kill" % test_name)
    # The restored copy may go on at once: the killed one cannot see the file any more.
    open(resume, "w").close()
    glcr.run("restore", "killed")
    wait_for(glcr, "killed", "done")
    same(output_lines(glcr.read("killed", "app.out")), "after checkpoint --kill + restore")


if __name__ == "__main__":
    sys.exit(main(test))
