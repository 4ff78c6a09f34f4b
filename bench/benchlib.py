"""What the bench scripts share: a private Xvfb (glcrbench's), and the environment under which an app runs
with glcr applied as `glcr run` applies it (LD_PRELOAD of libglcr.so and the libGL.so.1,
libGLX.so.0, libOpenGL.so.0 stand-ins, LD_LIBRARY_PATH; see glcr_preload_value and start_app
in src/session/) but against a shared X server and without a session or control agent."""
import os
import signal
import subprocess
import sys

from glcrbench.common import BenchError, Xvfb


def start_xvfb(script, screen):
    """Starts a private Xvfb (the one glcrbench starts) with one screen of `screen` (WxHxD);
    returns it (end it with .close()) and its display. Exits the script if it does not start."""
    width, height = screen.split("x")[:2]
    try:
        xvfb = Xvfb(width, height)
    except BenchError as e:
        sys.exit("%s: %s" % (script, e))
    return xvfb, xvfb.display


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
