#!/usr/bin/env python3
"""Runs one GL preserve test (see preserve.h) three ways under glcr and requires identical
output: without a reload, with a driver reload at pt_checkpoint (GLCR_RELOAD_EVERY=1, with
GLCR_VERIFY=1 re-reading the replayed state), and through CRIU (checkpoint --kill while the
test waits at pt_checkpoint, then restore).

usage: run_preserve.py GLCR TEST_BINARY"""
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
        if word in glcr.read(name, "app.out").split("\n"):
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
    reloaded = foreground("reload", {"GLCR_RELOAD_EVERY": 1, "GLCR_VERIFY": 1})
    diff = [(a, b) for a, b in zip(plain, reloaded) if a != b]
    check(len(plain) == len(reloaded) and not diff,
          "%s: after a driver reload: %s" % (test_name, diff[:5] or "%d vs %d lines" % (len(plain), len(reloaded))))

    # Through a real checkpoint and restore.
    resume = os.path.join(glcr.dir, "resume-" + test_name)
    glcr.started.append("criu")
    glcr.run("run", "-d", "--name", "criu", "--size", "320x240", "--", binary, env={"PT_RESUME_FILE": resume})
    wait_for(glcr, "criu", "checkpoint-here")
    root = glcr.root_pid("criu")
    glcr.run("checkpoint", "criu", "--kill")
    check(wait_gone(root), "%s: session still alive after checkpoint --kill" % test_name)
    # The restored copy may go on at once: the killed one cannot see the file any more.
    open(resume, "w").close()
    glcr.run("restore", "criu")
    wait_for(glcr, "criu", "done")
    restored = output_lines(glcr.read("criu", "app.out"))
    diff = [(a, b) for a, b in zip(plain, restored) if a != b]
    check(len(plain) == len(restored) and not diff,
          "%s: after checkpoint + restore: %s" % (test_name, diff[:5] or "%d vs %d lines" % (len(plain), len(restored))))


if __name__ == "__main__":
    sys.exit(main(test))
