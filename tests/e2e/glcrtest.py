"""Shared helpers for glcr's end-to-end tests: real Xvfb, real CRIU (or DMTCP), real Mesa.

Each test runs the glcr command in a private session directory, and this process becomes
a child subreaper so that session processes orphaned by `glcr run -d` are reaped here
instead of lingering; every session is stopped (and killed by PID if needed) at the end,
and so is every DMTCP coordinator a session left.

A test given `--engine dmtcp` runs its sessions with glcr's DMTCP engine (GLCR_ENGINE); it
is skipped (exit status 77, with the reason) where DMTCP or glcr's DMTCP plugin is missing.
"""
import ctypes
import json
import os
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zlib

PR_SET_CHILD_SUBREAPER = 36


class TestFailure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise TestFailure(message)


class Glcr:
    """Runs the glcr command against a private session directory."""

    def __init__(self, glcr_path, engine=None):
        self.path = glcr_path
        self.engine = engine
        self.dir = tempfile.mkdtemp(prefix="glcr-test-")
        self.started = []
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)

    def run(self, *args, check_rc=True, timeout=120, env=None):
        cmd = [self.path, "--dir", self.dir] + [str(a) for a in args]
        full_env = dict(os.environ, **{k: str(v) for k, v in (env or {}).items()})
        if self.engine:
            full_env["GLCR_ENGINE"] = self.engine
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=full_env)
        if check_rc and p.returncode != 0:
            raise TestFailure("%s failed (%d): %s%s" % (" ".join(cmd[3:]), p.returncode, p.stdout, p.stderr))
        self.reap()
        return p

    def start(self, name, *app, size="640x480", env=None):
        self.run("run", "-d", "--name", name, "--size", size, "--", *app, env=env)
        self.started.append(name)

    def status(self, name):
        return json.loads(self.run("status", name, "--json").stdout)

    def frames(self, name):
        app = self.status(name).get("app")
        return app["frames"] if app else -1

    def wait_frames(self, name, at_least, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.frames(name) >= at_least:
                return
            time.sleep(0.05)
        raise TestFailure("session %s did not reach %d frames in %d s (status: %s)"
                          % (name, at_least, timeout, self.status(name)))

    def snapshot_info(self, name, snapshot):
        """What glcr ls says of one snapshot: frames, mode, bytes..."""
        sessions = json.loads(self.run("ls", "--json", name).stdout)
        for info in sessions[0]["snapshots"] if sessions else []:
            if info["id"] == snapshot:
                return info
        raise TestFailure("session %s has no snapshot %s" % (name, snapshot))

    def session_file(self, name, file):
        return os.path.join(self.dir, "sessions", name, file)

    def read(self, name, file):
        with open(self.session_file(name, file), errors="replace") as f:
            return f.read()

    def tail(self, name, file, chars=300):
        """The end of one of the session's files, for a failure message ('(none)' if absent)."""
        try:
            return self.read(name, file)[-chars:].strip() or "(empty)"
        except FileNotFoundError:
            return "(none)"

    def info(self, name, key):
        """A number from the session's info file (0 when absent)."""
        try:
            with open(self.session_file(name, "info")) as f:
                for line in f:
                    if line.startswith(key + "="):
                        return int(line.split("=")[1])
        except (FileNotFoundError, ValueError):
            pass
        return 0

    def root_pid(self, name):
        return self.info(name, "root_pid")

    def reap(self):
        try:
            while os.waitpid(-1, os.WNOHANG)[0] > 0:
                pass
        except ChildProcessError:
            pass

    def cleanup(self):
        for name in self.started:
            pid = self.root_pid(name)
            if pid and alive(pid):
                self.run("stop", name, check_rc=False)
            if pid and alive(pid):
                os.kill(pid, signal.SIGKILL)
                wait_gone(pid)
        # DMTCP coordinators end with their sessions; one that did not is ended by its PID.
        sessions = os.path.join(self.dir, "sessions")
        for name in os.listdir(sessions) if os.path.isdir(sessions) else []:
            pid = self.info(name, "coord_pid")
            if pid and alive(pid) and "dmtcp_coord" in process_name(pid):
                os.kill(pid, signal.SIGTERM)
                if not wait_gone(pid, 3):
                    os.kill(pid, signal.SIGKILL)
                    wait_gone(pid)
        self.reap()
        shutil.rmtree(self.dir, ignore_errors=True)


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        return state not in ("Z", "X")
    except (FileNotFoundError, IndexError, ProcessLookupError):
        return False


def process_name(pid):
    try:
        with open("/proc/%d/comm" % pid) as f:
            return f.read().strip()
    except OSError:
        return ""


def dmtcp_missing(glcr_path):
    """Why glcr's DMTCP engine cannot run here, or None: DMTCP's programs (GLCR_DMTCP_BIN or
    PATH) and glcr's plugin, built only where dmtcp.h was found."""
    plugin = os.path.join(os.path.dirname(os.path.abspath(glcr_path)), "libglcr-dmtcp.so")
    if not os.path.exists(plugin):
        return "glcr was built without its DMTCP plugin (dmtcp.h not found at build time)"
    bin_dir = os.environ.get("GLCR_DMTCP_BIN")
    for tool in ("dmtcp_launch", "dmtcp_restart", "dmtcp_command", "dmtcp_coordinator"):
        found = os.access(os.path.join(bin_dir, tool), os.X_OK) if bin_dir else shutil.which(tool)
        if not found:
            return "DMTCP is not installed: %s not in %s" % (tool, "GLCR_DMTCP_BIN" if bin_dir else "PATH")
    return None


def wait_gone(pid, timeout=10):
    deadline = time.time() + timeout
    while alive(pid):
        if time.time() > deadline:
            return False
        time.sleep(0.02)
    return True


NOBODY = 65534


def as_user(fn, uid=NOBODY):
    """Runs fn() in a child process with another uid and gid (no supplementary groups);
    returns what it returned (a string), or the OSError it raised as a string."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            out = fn()
        except OSError as e:
            out = "OSError: %s" % e
        except BaseException as e:  # the child must never return into the test
            out = "exception: %r" % e
        os.write(w, str(out).encode(errors="replace"))
        os._exit(0)
    os.close(w)
    chunks = []
    while True:
        chunk = os.read(r, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(r)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode(errors="replace")


def control_request(sock_path, data, timeout=10):
    """Sends raw bytes to a control socket; returns the reply (up to 4 KiB, decoded). The
    agent may answer and close before it has read everything (a request too long): the
    reply is read all the same."""
    c = socket.socket(socket.AF_UNIX)
    c.settimeout(timeout)
    try:
        c.connect(sock_path)
        try:
            if data:
                c.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return c.recv(4096).decode(errors="replace")
    finally:
        c.close()


class Xvfb:
    """A private X server for native runs, with the screen a glcr session gets for --size
    WxH (src/session/run.c starts its Xvfb the same way, so the root windows match). Use as
    a context manager; close() ends the server by its PID and waits for it."""

    def __init__(self, width, height, timeout=20):
        r, w = os.pipe()
        self.proc = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "%dx%dx24" % (width, height),
                                      "-nolisten", "tcp", "-noreset"], pass_fds=(w,),
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        os.close(w)
        number, deadline = b"", time.time() + timeout
        with os.fdopen(r, "rb", buffering=0) as pipe:
            while not number.endswith(b"\n") and time.time() < deadline:
                if not select.select([pipe], [], [], max(0, deadline - time.time()))[0]:
                    break
                chunk = pipe.read(16)
                if not chunk:
                    break
                number += chunk
        if not number.strip().isdigit():
            err = self.close()
            raise TestFailure("native Xvfb %dx%d did not start: %s" % (width, height, err.strip()[-300:] or "no display number"))
        self.display = ":" + number.decode().strip()

    def close(self):
        """Ends the server (SIGTERM, SIGKILL after 10 s); returns what it wrote to stderr."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            _, err = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return err.decode(errors="replace")

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()


def read_png_rgb(path):
    """Decodes the 8-bit RGB, filter-0 PNGs glcr writes; returns (width, height, bytes)."""
    with open(path, "rb") as f:
        data = f.read()
    check(data[:8] == b"\x89PNG\r\n\x1a\n", "%s is not a PNG" % path)
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    row = width * 3
    rgb = b"".join(raw[y * (row + 1) + 1:(y + 1) * (row + 1)] for y in range(height))
    return width, height, rgb


def read_ppm_rgb(path):
    """Decodes a binary PPM (P6, maxval 255) as tests/apps/xpoke writes it; returns (width,
    height, bytes)."""
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:  # magic, width, height, maxval: each ends at one whitespace byte
        end = min(i for i in (data.find(b" ", pos), data.find(b"\n", pos)) if i >= 0)
        fields.append(data[pos:end])
        pos = end + 1
    check(fields[0] == b"P6" and fields[3] == b"255", "%s is not an 8-bit binary PPM" % path)
    width, height = int(fields[1]), int(fields[2])
    check(len(data) - pos == width * height * 3, "%s: %d bytes of pixels for %dx%d" % (path, len(data) - pos, width, height))
    return width, height, data[pos:]


def non_black_pixels(rgb):
    return sum(1 for i in range(0, len(rgb), 3) if rgb[i] or rgb[i + 1] or rgb[i + 2])


def main(test_fn):
    """Runs test_fn(glcr, ARGS...) with cleanup; exit status 0 on success, 1 on failure, 77
    skipped. usage: TEST GLCR [--engine criu|dmtcp] [ARGS...]"""
    args = sys.argv[2:]
    engine = None
    if args[:1] == ["--engine"]:
        engine, args = args[1], args[2:]
    if engine == "dmtcp":
        missing = dmtcp_missing(sys.argv[1])
        if missing:
            print("SKIP: %s (see README: Installing DMTCP)" % missing)
            return 77
    # meson ends an interrupted or timed-out test with SIGTERM: unwind, so that the cleanup
    # below stops the sessions this test started instead of leaving them running.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    glcr = Glcr(sys.argv[1], engine)
    try:
        if test_fn(glcr, *args) == 77:
            return 77
        print("PASS")
        return 0
    except TestFailure as e:
        print("FAIL: %s" % e)
        return 1
    finally:
        glcr.cleanup()
