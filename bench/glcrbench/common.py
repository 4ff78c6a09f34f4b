"""What every benchmark shares: the paths of the build, processes that are always ended (by
their process group, which each gets of its own), a private Xvfb for native runs, glcr
sessions in a private session directory, the frame probe of native runs, and statistics."""
import json
import os
import re
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # bench/
TOP = os.path.dirname(HERE)


class BenchError(Exception):
    """A benchmark case that could not be measured; the message says why, in one line."""


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


class Config:
    """Paths and knobs, filled from the command line by bench/run."""

    def __init__(self, build, out, quick, reps, work):
        self.build = os.path.abspath(build)
        self.out = os.path.abspath(out)
        self.quick = quick
        self.reps = reps
        self.glcr = os.path.join(self.build, "src", "glcr")
        self.viewer = os.path.join(self.build, "bench", "viewer")
        self.frameprobe = os.path.join(self.build, "bench", "libframeprobe.so")
        self.percall = os.path.join(self.build, "bench", "percall")
        self.work = work  # scratch: glcr sessions, traces, probe files
        self.models = os.path.join(self.out, "models")
        self.glcr_dir = os.path.join(work, "glcr")
        self.options = {}

    def missing(self):
        return [p for p in (self.glcr, self.viewer, self.frameprobe) if not os.path.exists(p)]


# ---- processes ---------------------------------------------------------------------------

_live = []  # every Popen started here and not yet ended: ended on exit, whatever happens


def spawn(argv, env=None, stdout=None, stderr=None, cwd=None, pass_fds=()):
    """Starts argv in a process group of its own, so that it and every child it forks (apitrace
    forks the app) can be ended together by that group's id."""
    p = subprocess.Popen(argv, env=env, stdout=stdout if stdout is not None else subprocess.DEVNULL,
                         stderr=stderr if stderr is not None else subprocess.DEVNULL,
                         stdin=subprocess.DEVNULL, cwd=cwd, start_new_session=True, pass_fds=pass_fds)
    _live.append(p)
    return p


def _group_alive(pgid):
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def end(p, grace=5.0):
    """Ends p and its process group: SIGTERM, then SIGKILL after `grace` seconds; returns once
    p is reaped and nothing of its group is left."""
    if p not in _live:
        return
    pgid = p.pid
    for sig, wait_s in ((signal.SIGTERM, grace), (signal.SIGKILL, 10.0)):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if p.poll() is not None and not _group_alive(pgid):
                break
            time.sleep(0.02)
        if p.poll() is not None and not _group_alive(pgid):
            break
    p.wait()
    _live.remove(p)


def end_all():
    for p in list(_live):
        end(p, grace=2.0)


def run(argv, env=None, timeout=120, check=True):
    """Runs a short command to completion (glcr's own commands); returns (rc, stdout, stderr)."""
    p = spawn(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        end(p)
        raise BenchError("%s did not finish within %d s" % (" ".join(argv[:3]), timeout))
    _live.remove(p)
    out, err = out.decode(errors="replace"), err.decode(errors="replace")
    if check and p.returncode != 0:
        raise BenchError("%s failed: %s" % (" ".join(os.path.basename(a) for a in argv[:2]),
                                            (err.strip() or out.strip()).splitlines()[-1:] or "?"))
    return p.returncode, out, err


def clean_env():
    """The caller's environment without anything of glcr's or a preload."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("GLCR_", "FRAMEPROBE_")) and k not in ("LD_PRELOAD", "DISPLAY")}


# ---- native runs: a private X server and the frame probe ------------------------------------

def xvfb_argv(width, height, display_fd):
    """Xvfb with a screen of width x height that writes its display number to display_fd."""
    return ["Xvfb", "-displayfd", str(display_fd), "-screen", "0", "%dx%dx24" % (int(width), int(height)),
            "-nolisten", "tcp", "-noreset"]


def read_display(fd, timeout=20):
    """Reads the display number Xvfb writes to fd and closes fd; returns ":N", or None when
    Xvfb wrote none within `timeout` seconds."""
    number, deadline = b"", time.monotonic() + timeout
    while not number.endswith(b"\n") and time.monotonic() < deadline:
        chunk = os.read(fd, 16)
        if not chunk:
            break
        number += chunk
    os.close(fd)
    return ":" + number.decode().strip() if number.strip().isdigit() else None


class Xvfb:
    def __init__(self, width, height):
        r, w = os.pipe()
        self.proc = spawn(xvfb_argv(width, height, w), pass_fds=(w,))
        os.close(w)
        self.display = read_display(r)
        if not self.display:
            end(self.proc)
            raise BenchError("Xvfb did not start")

    def close(self):
        end(self.proc)


class FrameProbe:
    """The file that bench/frameprobe.c keeps up to date in a native app."""
    FIELDS = ("frames", "first_frame_ns", "first_content_ns", "last_frame_ns", "width", "height")

    def __init__(self, cfg, name):
        self.path = os.path.join(cfg.work, "probe-%s-%d" % (name, time.monotonic_ns()))
        with open(self.path, "wb") as f:
            f.write(b"\0" * 4096)

    def env(self, cfg, content=False):
        return {"FRAMEPROBE_FILE": self.path, "FRAMEPROBE_CONTENT": "1" if content else "0",
                "LD_PRELOAD": cfg.frameprobe}

    def read(self):
        with open(self.path, "rb") as f:
            return dict(zip(self.FIELDS, struct.unpack("<6Q", f.read(48))))

    def remove(self):
        try:
            os.unlink(self.path)
        except OSError:
            pass


def start_native(cfg, argv, width, height, probe=None, content=False, extra_env=None, log_path=None):
    """Starts argv natively with an Xvfb of its own, both in one new session (as glcr run
    does under glcr: same scheduler autogroup); returns (proc, time of the app's exec). The
    whole session ends with end(proc)."""
    env = dict(clean_env())
    if probe:
        env.update(probe.env(cfg, content))
    env.update(extra_env or {})
    stamp = os.path.join(cfg.work, "launch-%d" % time.monotonic_ns())
    out = open(log_path, "ab") if log_path else None
    launcher = [sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "native_launch.py"),
                str(width), str(height), stamp]
    try:
        # The preload is for the app only: the launcher and Xvfb start without it.
        preload = env.pop("LD_PRELOAD", None)
        if preload:
            argv = ["env", "LD_PRELOAD=" + preload] + list(argv)
        p = spawn(launcher + list(argv), env=env, stdout=out, stderr=out)
    finally:
        if out:
            out.close()
    try:
        wait_for(lambda: _read_stamp(stamp) or p.poll() is not None, 30, "the native Xvfb did not start")
        if p.poll() is not None and not _read_stamp(stamp):
            raise BenchError("the native launcher exited (status %d)" % p.returncode)
    except BenchError:
        end(p)
        raise
    _, t = _read_stamp(stamp).split()
    os.unlink(stamp)
    return p, float(t)


def _read_stamp(path):
    try:
        with open(path) as f:
            text = f.read()
        return text if text.endswith("\n") else None
    except OSError:
        return None


# ---- glcr sessions ------------------------------------------------------------------------

_sessions = []


class Session:
    """A glcr session in the benchmark's private GLCR_DIR."""
    counter = 0

    def __init__(self, cfg, name, argv, width, height, driver="split", extra_env=None, foreground=False):
        Session.counter += 1
        self.cfg = cfg
        self.name = "%s-%d" % (name, Session.counter)
        self.env = dict(clean_env(), GLCR_DIR=cfg.glcr_dir, GLCR_DRIVER_HALF=driver)
        self.env.update(extra_env or {})
        self.dir = os.path.join(cfg.glcr_dir, "sessions", self.name)
        self.proc = None
        cmd = [cfg.glcr, "run"] + ([] if foreground else ["-d"]) + \
              ["--name", self.name, "--size", "%dx%d" % (width, height), "--"] + argv
        _sessions.append(self)
        self.t_launch = time.monotonic()
        if foreground:  # glcr stays attached and passes the app's output through
            self.proc = spawn(cmd, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        else:
            run(cmd, env=self.env, timeout=60)

    def glcr(self, *args, timeout=120, check=True):
        return run([self.cfg.glcr] + list(args), env=self.env, timeout=timeout, check=check)

    def status(self):
        rc, out, _ = self.glcr("status", self.name, "--json", check=False)
        try:
            return json.loads(out)
        except ValueError:
            return {}

    def app(self):
        return (self.status().get("app") or {})

    def frames(self):
        return int(self.app().get("frames", -1))

    def wait_frames(self, n, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            st = self.status()
            app = st.get("app") or {}
            if int(app.get("frames", -1)) >= n:
                return app
            if st.get("state") not in (None, "running", "restoring"):
                raise BenchError("session %s is %s: %s" % (self.name, st.get("state"), self.tail_log()))
            time.sleep(0.05)
        raise BenchError("session %s did not present %d frames within %d s" % (self.name, n, timeout))

    def checkpoint(self, kill=False):
        args = ["checkpoint", self.name] + (["--kill"] if kill else [])
        _, out, _ = self.glcr(*args, timeout=600)
        snap = re.search(r"snapshot (\S+) of", out)
        info = self.snapshot_info(snap.group(1)) if snap else {}
        info["summary"] = out.strip()
        return info

    def snapshot_info(self, snap_id):
        info = {"id": snap_id}
        d = os.path.join(self.dir, "snapshots", snap_id)
        with open(os.path.join(d, "snapshot.info")) as f:
            for line in f:
                k, _, v = line.strip().partition("=")
                info[k] = v
        info["bytes"] = dir_bytes(d)
        return info

    def restore(self, attempts=3):
        """glcr restore; returns (seconds from the command's start to its exit, which is at the
        first new frame, and the parsed summary). Retries when another X server took the
        session's display number meanwhile (other X servers on a shared machine)."""
        for attempt in range(attempts):
            t0 = time.monotonic()
            rc, out, err = self.glcr("restore", self.name, timeout=600, check=False)
            wall = time.monotonic() - t0
            if rc == 0:
                m = re.search(r"criu (\d+) ms, GL driver \+ replay (\d+) ms\); first frame after ([0-9.]+) s", out)
                if not m:
                    raise BenchError("restore of %s showed no new frame: %s" % (self.name, out.strip()))
                return wall, {"criu_ms": float(m.group(1)), "gl_ms": float(m.group(2)),
                              "first_frame_s": float(m.group(3)), "summary": out.strip()}
            if "Address already in use" in err and attempt + 1 < attempts:
                log("%s: its display number was taken by another X server; retrying" % self.name)
                time.sleep(2)
                continue
            raise BenchError("restore of %s failed: %s" % (self.name, err.strip().splitlines()[-1:]))

    def remove_snapshot(self, snap_id):
        self.glcr("rm", "%s@%s" % (self.name, snap_id), check=False)

    def tail_log(self):
        for f in ("app.err", "session.log"):
            try:
                with open(os.path.join(self.dir, f), errors="replace") as fh:
                    lines = [l.strip() for l in fh if l.strip()]
                if lines:
                    return lines[-1]
            except OSError:
                pass
        return "(no log)"

    def app_output(self):
        try:
            with open(os.path.join(self.dir, "app.out"), errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def close(self):
        if self.proc:
            end(self.proc)
        self.glcr("stop", self.name, check=False, timeout=60)
        self.glcr("rm", self.name, check=False, timeout=60)
        if self in _sessions:
            _sessions.remove(self)


def close_all_sessions():
    for s in list(_sessions):
        try:
            s.close()
        except BenchError:
            pass


def dir_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(root, f)).st_size
            except OSError:
                pass
    return total


def wait_for(pred, timeout, what, poll=0.005):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(poll)
    raise BenchError("%s within %d s" % (what, timeout))


# ---- statistics and results --------------------------------------------------------------

def spread(values):
    """(median, min, max) of the values measured."""
    return statistics.median(values), min(values), max(values)


class Results:
    """Rows of the table. `value` and its spread are the figure the row is about (a ratio for
    the headline figures); `detail` says what it was computed from."""

    def __init__(self):
        self.rows = []
        self.notes = []

    def add(self, bench, case, metric, values, unit="x", target=None, met=None, detail=""):
        values = [v for v in values if v is not None]
        if not values:
            self.rows.append({"bench": bench, "case": case, "metric": metric, "unit": unit, "median": None,
                              "min": None, "max": None, "n": 0, "target": target or "",
                              "met": "n/a", "detail": detail})
            return
        med, lo, hi = spread(values)
        verdict = "" if met is None else ("yes" if met(med) else "no")
        self.rows.append({"bench": bench, "case": case, "metric": metric, "unit": unit, "median": med,
                          "min": lo, "max": hi, "n": len(values), "target": target or "",
                          "met": verdict, "detail": detail})

    def skip(self, bench, case, metric, why, target=None):
        self.rows.append({"bench": bench, "case": case, "metric": metric, "unit": "", "median": None,
                          "min": None, "max": None, "n": 0, "target": target or "", "met": "n/a",
                          "detail": why})


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])
