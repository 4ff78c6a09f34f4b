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


def test_refused(glcr, binary, flag, words):
    """For state glcr cannot restore yet (run_preserve.py GLCR TEST --refused WORDS): a
    checkpoint is refused with one line containing WORDS, the app goes on untouched (its
    output is that of a run without a checkpoint), and a reload ends it with the same words
    rather than letting it run on wrong state."""
    test_name = os.path.basename(binary)
    check(flag == "--refused", "usage: run_preserve.py GLCR TEST [--refused WORDS]")
    glcr.started.append("plain")
    p = glcr.run("run", "--name", "plain", "--size", "320x240", "--", binary, check_rc=False)
    plain = output_lines(p.stdout)
    check(p.returncode == 0 and plain and plain[-1] == "done", "%s: exit %d: %s" % (test_name, p.returncode, p.stderr[-800:]))
    glcr.started.append("reload")
    p = glcr.run("run", "--name", "reload", "--size", "320x240", "--", binary, env={"GLCR_RELOAD_EVERY": 1},
                 check_rc=False)
    check(p.returncode != 0 and words in p.stderr,
          "%s: a reload did not stop it with %r (exit %d): %s" % (test_name, words, p.returncode, p.stderr[-800:]))

    resume = os.path.join(glcr.dir, "resume-" + test_name)
    glcr.started.append("refused")
    glcr.run("run", "-d", "--name", "refused", "--size", "320x240", "--", binary, env={"PT_RESUME_FILE": resume})
    wait_for(glcr, "refused", "checkpoint-here")
    p = glcr.run("checkpoint", "refused", check_rc=False)
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    check(p.returncode != 0 and len(lines) == 1 and words in lines[0],
          "%s: checkpoint: expected one line with %r, got exit %d: %r" % (test_name, words, p.returncode, p.stderr))
    snaps = os.listdir(glcr.session_file("refused", "snapshots"))
    check(snaps == [], "%s: a refused checkpoint left %s" % (test_name, snaps))
    open(resume, "w").close()
    wait_for(glcr, "refused", "done")
    after = output_lines(glcr.read("refused", "app.out"))
    check(after == plain, "%s: after a refused checkpoint: %s" % (test_name, [(a, b) for a, b in zip(plain, after) if a != b][:5]))


if __name__ == "__main__":
    sys.exit(main(test_refused if "--refused" in sys.argv else test))
