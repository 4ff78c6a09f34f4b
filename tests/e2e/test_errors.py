#!/usr/bin/env python3
"""What a user sees when asking for something that cannot be done: one clear line on
stderr and a non-zero exit status, never a traceback or a silent success."""
import os
import stat
import sys

from glcrtest import as_user, check, control_request, main


def fails_with(glcr, words, *args):
    p = glcr.run(*args, check_rc=False)
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    check(p.returncode != 0, "glcr %s succeeded" % " ".join(map(str, args)))
    check(len(lines) == 1 and lines[0].startswith("glcr: "),
          "glcr %s: expected one error line, got %r" % (" ".join(map(str, args)), p.stderr))
    for w in words:
        check(w in lines[0], "glcr %s: %r does not mention %r" % (" ".join(map(str, args)), lines[0], w))


def test(glcr, detapp, shaderapp):
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
    fails_with(glcr, ["snapshot 0001", "unusable", "pstree.img is missing"], "restore", "app")
    with open(os.path.join(snap, "pstree.img"), "wb") as f:
        f.write(b"\0" * 7)  # truncated garbage
    fails_with(glcr, ["snapshot 0001", "pstree.img has 7 bytes"], "restore", "app")
    fails_with(glcr, ["no such snapshot", "0042"], "restore", "app@0042")
    fails_with(glcr, ["not running"], "checkpoint", "app")

    unsupported_state_is_refused(glcr, shaderapp)
    control_socket_is_private(glcr, detapp)
    foreground_run_passes_output_and_status(glcr)


def unsupported_state_is_refused(glcr, shaderapp):
    """A checkpoint of an app using GL state glcr cannot restore yet is refused, naming
    the call, and the app goes on undisturbed; no snapshot is left behind."""
    glcr.start("shader", shaderapp, "--frames", 100000, "--delay-ms", 5, "--unsupported")
    glcr.wait_frames("shader", 5)
    fails_with(glcr, ["cannot checkpoint", "glPixelZoom"], "checkpoint", "shader")
    f = glcr.frames("shader")
    glcr.wait_frames("shader", f + 5)
    snaps = os.listdir(glcr.session_file("shader", "snapshots"))
    check(snaps == [], "a refused checkpoint left %s" % snaps)


def control_socket_is_private(glcr, detapp):
    glcr.start("priv", detapp, "--frames", 100000, "--delay-ms", 5)
    glcr.wait_frames("priv", 2)
    sock = glcr.session_file("priv", "control.sock")
    mode = stat.S_IMODE(os.stat(sock).st_mode)
    check(mode == 0o600, "control socket mode %o" % mode)
    dmode = stat.S_IMODE(os.stat(os.path.dirname(sock)).st_mode)
    check(dmode == 0o700, "session directory mode %o" % dmode)
    # Even with the file permissions opened up, another uid is turned away by the agent.
    dirs = [glcr.dir, os.path.join(glcr.dir, "sessions"), os.path.dirname(sock)]
    for d in dirs:
        os.chmod(d, 0o711)
    os.chmod(sock, 0o666)
    reply = as_user(lambda: control_request(sock, b"STATUS\n", timeout=5))
    os.chmod(sock, 0o600)
    for d in dirs:
        os.chmod(d, 0o700)
    check(reply.startswith("ERR permission denied"), "another uid got: %r" % reply)
    glcr.run("stop", "priv")


def foreground_run_passes_output_and_status(glcr):
    glcr.started.append("fg")
    p = glcr.run("run", "--name", "fg", "--", "sh", "-c", "echo to-stdout; echo to-stderr >&2; exit 3",
                 check_rc=False)
    check(p.returncode == 3, "glcr run exited %d, the app 3" % p.returncode)
    check("to-stdout" in p.stdout and "to-stderr" in p.stderr,
          "app output not passed through: %r / %r" % (p.stdout, p.stderr))


if __name__ == "__main__":
    sys.exit(main(test))
