"""What the bench scripts share: a private Xvfb, and the environment under which an app runs
with glcr applied as `glcr run` applies it (LD_PRELOAD of libglcr.so and the libGL.so.1,
libGLX.so.0, libOpenGL.so.0 stand-ins, LD_LIBRARY_PATH; see glcr_preload_value and start_app
in src/session/) but against a shared X server and without a session or control agent."""
import os
import signal
import subprocess
import sys
import time


def start_xvfb(script, screen):
    """Starts Xvfb with one screen of `screen` (WxHxD); returns the process and its display."""
    r, w = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", screen, "-nolisten", "tcp"],
                            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    number = b""
    deadline = time.time() + 20
    while not number.endswith(b"\n") and time.time() < deadline:
        chunk = os.read(r, 16)
        if not chunk:
            break
        number += chunk
    os.close(r)
    if not number.strip().isdigit():
        stop(proc)
        sys.exit("%s: Xvfb did not start" % script)
    return proc, ":" + number.decode().strip()


def stop(proc):
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()


def glcr_environment(script, build):
    """(native environment, glcr environment) for apps started from this one."""
    libs = os.path.join(build, "src")
    preload = [os.path.join(libs, n) for n in ("libglcr.so", "libGL.so.1", "libGLX.so.0", "libOpenGL.so.0")]
    for path in preload:
        if not os.path.exists(path):
            sys.exit("%s: %s is missing; build first (ninja -C %s)" % (script, path, build))
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GLCR_", "LD_PRELOAD"))}
    library_path = libs + (":" + base["LD_LIBRARY_PATH"] if base.get("LD_LIBRARY_PATH") else "")
    return base, dict(base, LD_PRELOAD=" ".join(preload), LD_LIBRARY_PATH=library_path)
