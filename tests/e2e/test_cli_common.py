"""Helpers for the test_cli_* end-to-end tests (not a test itself).

Sessions with --every or --auto-restore have a supervisor process outside the session
tree; `cli_main` ends every supervisor the test left behind, by PID, before glcrtest's
cleanup stops the sessions themselves."""
import json
import os
import shutil
import signal
import stat
import time

from glcrtest import TestFailure, alive, check, main, wait_gone


def info(glcr, name):
    values = {}
    try:
        with open(glcr.session_file(name, "info")) as f:
            for line in f:
                k, _, v = line.rstrip("\n").partition("=")
                values[k] = v
    except FileNotFoundError:
        pass
    return values


def supervisor_pid(glcr, name):
    return int(info(glcr, name).get("supervisor_pid", "0") or 0)


def ls_json(glcr, name=None):
    args = ["ls", "--json"] + ([name] if name else [])
    return json.loads(glcr.run(*args).stdout)


def snapshot_ids(glcr, name):
    snaps = glcr.session_file(name, "snapshots")
    return sorted(d for d in os.listdir(snaps) if not d.startswith("."))


def wait_for(what, predicate, timeout=20, step=0.05):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise TestFailure("timed out after %d s waiting for %s" % (timeout, what))


def end_supervisors(glcr):
    sessions = os.path.join(glcr.dir, "sessions")
    for name in os.listdir(sessions) if os.path.isdir(sessions) else []:
        pid = supervisor_pid(glcr, name)
        if pid and alive(pid):
            os.kill(pid, signal.SIGTERM)
            if not wait_gone(pid, 30):
                os.kill(pid, signal.SIGKILL)
                wait_gone(pid)
        glcr.reap()


def files_are_private(glcr, name):
    """Nothing glcr writes is readable by others. mesa-cache is the app's own (the app runs
    with the user's umask), inside the private session directory."""
    top = glcr.session_file(name, "")
    bad = []
    for d, dirs, files in os.walk(top):
        if "mesa-cache" in dirs:
            dirs.remove("mesa-cache")
        for f in dirs + files:
            p = os.path.join(d, f)
            mode = stat.S_IMODE(os.lstat(p).st_mode)
            if mode & 0o077:
                bad.append("%s %o" % (os.path.relpath(p, top), mode))
    check(not bad, "files readable by others: %s" % bad)


def real_criu():
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    built = os.path.join(top, ".deps", "criu", "sbin", "criu")
    return built if os.access(built, os.X_OK) else shutil.which("criu")


def scale_like_glcr(w, h, rgb, tw, th):
    """glcr's thumbnail rule (screenshot.c scale_down): each output pixel is the rounded mean
    of source pixels [x*w/tw, (x+1)*w/tw) x [y*h/th, (y+1)*h/th), integer division."""
    out = bytearray(tw * th * 3)
    for ty in range(th):
        y0, y1 = ty * h // th, (ty + 1) * h // th
        for tx in range(tw):
            x0, x1 = tx * w // tw, (tx + 1) * w // tw
            n = (x1 - x0) * (y1 - y0)
            for c in range(3):
                s = 0
                for y in range(y0, y1):
                    row = (y * w) * 3 + c
                    s += sum(rgb[row + x * 3] for x in range(x0, x1))
                out[(ty * tw + tx) * 3 + c] = (s + n // 2) // n
    return bytes(out)


def cli_main(test_fn):
    """glcrtest.main with the supervisors ended too."""
    def wrapped(glcr, *args):
        try:
            test_fn(glcr, *args)
        finally:
            end_supervisors(glcr)
    return main(wrapped)
