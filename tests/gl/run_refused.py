#!/usr/bin/env python3
"""Runs fbo_msaa_refused (a GL program with a multisample renderbuffer) under glcr: a
checkpoint must fail with one line naming the renderbuffer, leave no snapshot, and the app
must go on to the same result as without the attempt.

usage: run_refused.py GLCR TEST_BINARY"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from glcrtest import check, main  # noqa: E402
from run_preserve import output_lines, wait_for  # noqa: E402


def test(glcr, binary):
    glcr.started.append("plain")
    p = glcr.run("run", "--name", "plain", "--size", "320x240", "--", binary, check_rc=False)
    check(p.returncode == 0, "plain run: exit %d: %s" % (p.returncode, p.stderr[-800:]))
    plain = output_lines(p.stdout)

    resume = os.path.join(glcr.dir, "resume")
    glcr.started.append("msaa")
    glcr.run("run", "-d", "--name", "msaa", "--size", "320x240", "--", binary, env={"PT_RESUME_FILE": resume})
    wait_for(glcr, "msaa", "checkpoint-here")
    rb = [l.split()[-1] for l in glcr.read("msaa", "app.out").splitlines() if l.startswith("multisample renderbuffer")]
    check(len(rb) == 1, "the app did not print its renderbuffer: %r" % glcr.read("msaa", "app.out"))
    p = glcr.run("checkpoint", "msaa", check_rc=False)
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    check(p.returncode != 0, "the checkpoint of an app with a multisample renderbuffer succeeded")
    want = "renderbuffer %s: multisample contents cannot be saved yet" % rb[0]
    check(len(lines) == 1 and lines[0].startswith("glcr: cannot checkpoint") and want in lines[0],
          "expected one line with %r, got %r" % (want, p.stderr))
    snaps = os.listdir(glcr.session_file("msaa", "snapshots"))
    check(snaps == [], "a refused checkpoint left %s" % snaps)

    open(resume, "w").close()
    wait_for(glcr, "msaa", "done")
    after = output_lines(glcr.read("msaa", "app.out"))
    check(after == plain, "the app changed after the refused checkpoint: %r vs %r" % (after, plain))


if __name__ == "__main__":
    sys.exit(main(test))
