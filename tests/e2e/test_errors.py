#!/usr/bin/env python3
"""What a user sees when asking for something that cannot be done: one clear line on
stderr and a non-zero exit status, never a traceback or a silent success."""
import os
import sys

from glcrtest import check, main


def fails_with(glcr, words, *args):
    p = glcr.run(*args, check_rc=False)
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    check(p.returncode != 0, "glcr %s succeeded" % " ".join(map(str, args)))
    check(len(lines) == 1 and lines[0].startswith("glcr: "),
          "glcr %s: expected one error line, got %r" % (" ".join(map(str, args)), p.stderr))
    for w in words:
        check(w in lines[0], "glcr %s: %r does not mention %r" % (" ".join(map(str, args)), lines[0], w))


def test(glcr, detapp):
    fails_with(glcr, ["no session", "nosuch"], "restore", "nosuch")
    fails_with(glcr, ["no session", "nosuch"], "checkpoint", "nosuch")
    fails_with(glcr, ["invalid session name"], "restore", "../etc")
    fails_with(glcr, ["invalid session name"], "run", "-d", "--name", "a/b", "--", "true")

    # A session with a damaged snapshot.
    glcr.start("app", detapp, "--frames", 100000, "--delay-ms", 5)
    glcr.wait_frames("app", 5)
    fails_with(glcr, ["is running"], "restore", "app")
    glcr.run("checkpoint", "app", "--kill")
    snap = os.path.join(glcr.dir, "sessions", "app", "snapshots", "0001")
    os.unlink(os.path.join(snap, "pstree.img"))
    fails_with(glcr, ["incomplete or damaged", "pstree.img"], "restore", "app")
    with open(os.path.join(snap, "pstree.img"), "wb") as f:
        f.write(b"\0" * 7)  # truncated garbage
    fails_with(glcr, ["criu restore failed"], "restore", "app")
    fails_with(glcr, ["no such snapshot", "0042"], "restore", "app@0042")
    fails_with(glcr, ["not running"], "checkpoint", "app")


if __name__ == "__main__":
    sys.exit(main(test))
