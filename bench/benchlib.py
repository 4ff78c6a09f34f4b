"""What the bench scripts share: a private Xvfb, and the environment under which an app runs
with glcr applied as `glcr run` applies it (LD_PRELOAD of libglcr.so and the libGL.so.1,
libGLX.so.0, libOpenGL.so.0 stand-ins, LD_LIBRARY_PATH; see glcr_preload_value and start_app
in src/session/) but against a shared X server and without a session or control agent."""
import os
import random
import signal
import subprocess
import sys
import time


def start_xvfb(script, screen):
    """Starts Xvfb with one screen of `screen` (WxHxD); returns the process and its display.
    The display number is picked at random from a high range: X servers started with
    -nolock by other programs on the machine take low numbers without a lock file, and one
    of them taking ours would cut the benchmark off mid-run."""
    rng = random.Random()
    for _ in range(20):
        number = rng.randrange(300, 900)
        if os.path.exists("/tmp/.X%d-lock" % number) or os.path.exists("/tmp/.X11-unix/X%d" % number):
            continue
        proc = subprocess.Popen(["Xvfb", ":%d" % number, "-screen", "0", screen, "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 20
        while proc.poll() is None and time.time() < deadline:
            if os.path.exists("/tmp/.X11-unix/X%d" % number):
                return proc, ":%d" % number
            time.sleep(0.05)
        stop(proc)
    sys.exit("%s: Xvfb did not start" % script)


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
