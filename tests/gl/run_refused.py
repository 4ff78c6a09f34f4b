#!/usr/bin/env python3
"""Runs fbo_refused, in_progress_refused or ff_attrib_stack_refused (GL programs with state
glcr cannot save) under glcr: a checkpoint must fail with one line naming the object, leave
no snapshot, and the app must go on to the same result as without the attempt.

usage: run_refused.py GLCR TEST_BINARY"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from glcrtest import check, main  # noqa: E402
from run_preserve import output_lines, wait_for  # noqa: E402


def refused(glcr, binary, mode, announces, message):
    """Runs the program (with argument mode), reads the object it announces, and checks that
    a checkpoint is refused with message % that object."""
    args = [mode] if mode else []
    name = mode or "format"
    plain_name = "plain-" + name
    glcr.started.append(plain_name)
    p = glcr.run("run", "--name", plain_name, "--size", "320x240", "--", binary, *args, check_rc=False)
    check(p.returncode == 0, "%s: plain run: exit %d: %s" % (name, p.returncode, p.stderr[-800:]))
    plain = output_lines(p.stdout)

    resume = os.path.join(glcr.dir, "resume-" + name)
    glcr.started.append(name)
    glcr.run("run", "-d", "--name", name, "--size", "320x240", "--", binary, *args,
             env={"PT_RESUME_FILE": resume})
    wait_for(glcr, name, "checkpoint-here")
    obj = [l.split()[-1] for l in glcr.read(name, "app.out").splitlines() if l.startswith(announces)]
    check(len(obj) == 1, "%s: the app did not print its object: %r" % (name, glcr.read(name, "app.out")))
    p = glcr.run("checkpoint", name, check_rc=False)
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    check(p.returncode != 0, "%s: the checkpoint succeeded" % name)
    want = message % obj[0]
    check(len(lines) == 1 and lines[0].startswith("glcr: cannot checkpoint") and want in lines[0],
          "%s: expected one line with %r, got %r" % (name, want, p.stderr))
    snaps = os.listdir(glcr.session_file(name, "snapshots"))
    check(snaps == [], "%s: a refused checkpoint left %s" % (name, snaps))

    open(resume, "w").close()
    wait_for(glcr, name, "done")
    after = output_lines(glcr.read(name, "app.out"))
    check(after == plain, "%s: the app changed after the refused checkpoint: %r vs %r" % (name, after, plain))


def test(glcr, binary):
    if binary.endswith("in_progress_refused"):
        refused(glcr, binary, "query", "query in progress",
                "query %s (GL_PRIMITIVES_GENERATED) is in progress")
        refused(glcr, binary, "xfb", "transform feedback in progress", "transform feedback object %s is active")
        refused(glcr, binary, "xfb-paused", "transform feedback in progress",
                "transform feedback object %s is paused")
        return
    if binary.endswith("ff_attrib_stack_refused"):
        refused(glcr, binary, "draw-buffer", "attribute stack level",
                "attribute stack level %s holds GL_COLOR_BUFFER_BIT with draw buffers other than the live ones")
        refused(glcr, binary, "list", "attribute stack depth",
                "its attribute stacks are %s (server) and 0 (client) levels deep, but glcr followed 1 and 0")
        return
    refused(glcr, binary, None, "renderbuffer of a format glcr cannot save",
            "renderbuffer %s: internal format GL_RGB16 (0x8054) cannot be saved yet")
    refused(glcr, binary, "orphan", "framebuffer with a deleted texture",
            "framebuffer %s: its color attachment 0 is a texture the app deleted while it was attached")

if __name__ == "__main__":
    sys.exit(main(test))
