#!/usr/bin/env python3
"""glcr doctor (passes here; names what is missing), --help of every command, progress
on a terminal only, Ctrl-C during a checkpoint (the previous snapshot stays the newest and
intact, the app goes on), glcr view without VNC."""
import os
import pty
import select
import signal
import stat
import subprocess
import sys
import time

from glcrtest import check, read_png_rgb, alive, wait_gone
from test_cli_common import cli_main, real_criu, snapshot_ids, wait_for

COMMANDS = ["run", "checkpoint", "restore", "status", "ls", "view", "screenshot", "stop", "rm", "doctor"]


def doctor(glcr):
    p = glcr.run("doctor", check_rc=False)
    check(p.returncode == 0, "glcr doctor fails on this machine (%d):\n%s%s" % (p.returncode, p.stdout, p.stderr))
    for what in ("CRIU", "criu check: Looks good", "namespaces", "Xvfb", "FSGSBASE", "EGL", "renderer",
                 "DMTCP", "everything glcr needs is here"):
        check(what in p.stdout, "doctor output lacks %r:\n%s" % (what, p.stdout))
    # No Xvfb in PATH and a criu that does not exist.
    empty = os.path.join(glcr.dir, "empty-bin")
    os.makedirs(empty, exist_ok=True)
    p = glcr.run("doctor", check_rc=False, env={"PATH": empty, "GLCR_CRIU": "/nonexistent/criu"})
    check(p.returncode == 1, "doctor with pieces missing exited %d:\n%s" % (p.returncode, p.stdout))
    lines = p.stdout.splitlines()
    criu = [l for l in lines if l.startswith("MISSING") and "CRIU" in l]
    xvfb = [l for l in lines if l.startswith("MISSING") and "Xvfb" in l]
    check(criu and "/nonexistent/criu" in criu[0] and "scripts/setup" in criu[0], "CRIU line: %s" % criu)
    check(xvfb and "apt-get install xvfb" in xvfb[0], "Xvfb line: %s" % xvfb)
    check("2 problems" in p.stdout, "doctor does not count 2 problems:\n%s" % p.stdout)


def helps(glcr):
    top = glcr.run("--help").stdout
    for c in COMMANDS:
        check("\n  %s " % c in top, "glcr --help does not list %s" % c)
        p = glcr.run(c, "--help")
        check(p.stdout.startswith("usage: glcr %s" % c), "glcr %s --help: %r" % (c, p.stdout[:80]))
        check(len(p.stdout.splitlines()) >= 3, "glcr %s --help says too little" % c)
    p = glcr.run("frobnicate", check_rc=False)
    check(p.returncode == 2 and "unknown command" in p.stderr, "unknown command: %r" % p.stderr)


def on_terminal(glcr, *args):
    """Runs glcr with stdout on a pseudo-terminal; returns (rc, what the terminal saw)."""
    master, slave = pty.openpty()
    p = subprocess.Popen([glcr.path, "--dir", glcr.dir] + [str(a) for a in args], stdout=slave,
                         stderr=subprocess.PIPE)
    os.close(slave)
    out = b""
    while True:
        r, _, _ = select.select([master], [], [], 30)
        if not r:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    err = p.stderr.read().decode(errors="replace")
    p.wait(30)
    os.close(master)
    glcr.reap()
    return p.returncode, out.decode(errors="replace") + err


def progress(glcr):
    rc, seen = on_terminal(glcr, "checkpoint", "pic")
    check(rc == 0, "checkpoint on a terminal failed: %r" % seen)
    check("\x1b[K" in seen and "snapshot 0002: pausing the app" in seen, "no progress on a terminal: %r" % seen)
    check("snapshot 0002 of 'pic'" in seen, "no summary on a terminal: %r" % seen)
    out = glcr.run("checkpoint", "pic").stdout
    check("\x1b" not in out and "pausing" not in out and out.count("\n") == 1,
          "progress shown when stdout is not a terminal: %r" % out)
    glcr.run("checkpoint", "pic", "--kill")
    rc, seen = on_terminal(glcr, "restore", "pic")
    check(rc == 0 and "restoring 'pic' from snapshot 0004" in seen and "restored 'pic'" in seen,
          "restore progress: %r" % seen)


def ctrl_c_during_checkpoint(glcr):
    """SIGINT while criu writes the image: glcr lets criu finish (never cuts it off with its
    parasite inside the app), then throws the partial snapshot away and resumes the app."""
    before = snapshot_ids(glcr, "pic")
    mark = os.path.join(glcr.dir, "dump-started")
    slow = os.path.join(glcr.dir, "slow-criu")
    with open(slow, "w") as f:
        f.write("#!/bin/sh\nif [ \"$1\" = dump ]; then : > '%s'; sleep 1.5; fi\nexec '%s' \"$@\"\n"
                % (mark, real_criu()))
    os.chmod(slow, 0o700)
    p = subprocess.Popen([glcr.path, "--dir", glcr.dir, "checkpoint", "pic"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=dict(os.environ, GLCR_CRIU=slow))
    wait_for("criu dump to start", lambda: os.path.exists(mark), timeout=15, step=0.01)
    partial = [d for d in os.listdir(glcr.session_file("pic", "snapshots")) if d.startswith(".partial-")]
    check(partial, "no partial snapshot while the dump runs")
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    glcr.reap()
    check(p.returncode == 130, "interrupted checkpoint exited %d: %r %r" % (p.returncode, out, err))
    check("interrupted" in err and "partial snapshot was removed" in err and "app goes on" in err,
          "interrupted checkpoint said: %r" % err)
    left = sorted(os.listdir(glcr.session_file("pic", "snapshots")))
    check(left == before, "snapshots after the interrupt: %s, before: %s" % (left, before))
    f = glcr.frames("pic")
    glcr.wait_frames("pic", f + 10)  # the app was resumed
    # The previous snapshot is intact: the session comes back from it.
    glcr.run("checkpoint", "pic", "--kill")
    glcr.run("rm", "pic@%s" % snapshot_ids(glcr, "pic")[-1])
    out = glcr.run("restore", "pic").stdout
    check("from snapshot %s" % before[-1] in out and "first frame after" in out, "restore: %s" % out)


def view_without_vnc(glcr):
    out = glcr.run("view", "pic").stdout
    png = glcr.session_file("pic", "view.png")
    check(png in out and "no VNC server" in out, "glcr view: %s" % out)
    w, h, _ = read_png_rgb(png)
    check((w, h) == (320, 240), "view.png is %dx%d" % (w, h))
    check(stat.S_IMODE(os.stat(png).st_mode) == 0o600, "view.png is readable by others")
    p = glcr.run("view", "pic", "--listen", "5999", check_rc=False)
    check(p.returncode == 1 and "not started with --vnc" in p.stderr, "view --listen without vnc: %r" % p.stderr)


def test(glcr, crashapp):
    doctor(glcr)
    helps(glcr)
    glcr.start("pic", crashapp, "--delay-ms", 5, size="320x240")
    glcr.wait_frames("pic", 5)
    glcr.run("checkpoint", "pic")
    progress(glcr)
    ctrl_c_during_checkpoint(glcr)
    view_without_vnc(glcr)


if __name__ == "__main__":
    sys.exit(cli_main(test))
