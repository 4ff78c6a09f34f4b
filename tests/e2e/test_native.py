#!/usr/bin/env python3
"""glcr against native: the same app run directly on an X server of its own and under glcr
must give the same pixels, bit for bit.

detapp (tests/apps) prints a hash of glReadPixels of every frame: under glcr every frame
must hash as in the native run, at an even and at an odd window size. Then, with the last
frame presented and the app idling (--end-file), the screen itself is captured on both
sides with xpoke capture (XGetImage of the root window, the same code on both sides), and
under glcr also with `glcr screenshot`; all must be equal. Last, f3d renders an OBJ model
and idles: the screen under glcr must equal the native one once each has settled.

The native X server is started like the session's (same screen size and depth; see
glcrtest.Xvfb), and no window manager runs on either, so the windows sit at the same place
on the same root window."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

import frames
from glcrtest import TestFailure, Xvfb, check, main, non_black_pixels, read_png_rgb, read_ppm_rgb

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "bench"))
from glcrbench.models import write_terrain  # noqa: E402  (the benchmarks' model generator)

FRAMES = 30
SIZES = [(256, 256), (203, 157)]
F3D_SIZE = (480, 360)
F3D_MODEL_BYTES = 1e6


def native_env(display):
    """The caller's environment for an app run directly: nothing of glcr's, on `display`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GLCR_") and k != "LD_PRELOAD"}
    env["DISPLAY"] = display
    return env


class Screen:
    """Captures one X screen with xpoke: the native server's, or a session's from inside
    the session's network namespace (where its display is :0)."""

    def __init__(self, xpoke, workdir, display=None, session_root=None):
        self.argv = ([xpoke] if display else ["nsenter", "-t", str(session_root), "-n", xpoke])
        self.env = native_env(display or ":0")
        self.path = os.path.join(workdir, "capture-%s.ppm" % (display or session_root))

    def capture(self):
        p = subprocess.run(self.argv + ["capture", self.path], env=self.env, capture_output=True,
                           text=True, timeout=30)
        check(p.returncode == 0, "xpoke capture failed (%d): %s" % (p.returncode, p.stderr.strip()))
        return read_ppm_rgb(self.path)

    def settled(self, what, timeout=90):
        """The screen once two captures in a row are equal and not all black: an app that
        has rendered and idles."""
        deadline, last = time.time() + timeout, None
        while time.time() < deadline:
            image = self.capture()
            if image == last and non_black_pixels(image[2]):
                return image
            last = image
            time.sleep(0.3)
        raise TestFailure("%s: the screen did not settle on a picture within %d s (%s)"
                          % (what, timeout, "all black" if last and not non_black_pixels(last[2]) else "still changing"))


def compare_images(native, got, what):
    """Pixel-exact; on a mismatch the count of differing pixels, the largest channel
    difference and the first few pixels with both values."""
    (w, h, a), (gw, gh, b) = native, got
    check((w, h) == (gw, gh), "%s: %dx%d under glcr, %dx%d natively" % (what, gw, gh, w, h))
    if a == b:
        return
    diff = [i for i in range(0, len(a), 3) if a[i:i + 3] != b[i:i + 3]]
    worst = max(abs(a[i + c] - b[i + c]) for i in diff for c in range(3))
    first = ", ".join("(%d,%d) native %s glcr %s" % (i // 3 % w, i // 3 // w, tuple(a[i:i + 3]), tuple(b[i:i + 3]))
                      for i in diff[:4])
    raise TestFailure("%s: %d of %d pixels differ from native, max channel delta %d; first: %s"
                      % (what, len(diff), w * h, worst, first))


def wait_for_output(path, proc, what, timeout=60):
    """The frames of a native detapp's output once it printed 'done'."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        with open(path) as f:
            hashes, _, done = frames.parse(f.read(), what)
        if done:
            return hashes
        if proc.poll() is not None:
            raise TestFailure("%s exited (%d) before 'done': %s"
                              % (what, proc.returncode, proc.stderr.read().decode(errors="replace").strip()))
        time.sleep(0.05)
    raise TestFailure("%s: no 'done' within %d s" % (what, timeout))


def end_native(proc, what):
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise TestFailure("%s did not exit after its end file appeared" % what)
    check(proc.returncode == 0, "%s exited with %d" % (what, proc.returncode))


def detapp_native(detapp, xpoke, work, width, height):
    """(hashes, screen) of detapp run natively at width x height."""
    what = "native detapp %dx%d" % (width, height)
    prefix = os.path.join(work, "native-%dx%d" % (width, height))
    end_file, out = prefix + "-end", prefix + ".out"
    with Xvfb(width, height) as x, open(out, "w") as out_file:
        proc = subprocess.Popen([detapp, *detapp_args(width, height), "--end-file", end_file], env=native_env(x.display),
                                stdout=out_file, stderr=subprocess.PIPE)
        try:
            hashes = wait_for_output(out, proc, what)
            screen = Screen(xpoke, work, display=x.display).settled(what)
            open(end_file, "w").close()
            end_native(proc, what)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return hashes, screen


def detapp_args(width, height):
    # Idling between frames lets each frame reach X before the next swap, so glcr never
    # skips one for a busy server and the last frame shown is the last frame drawn.
    return ["--frames", str(FRAMES), "--size", "%dx%d" % (width, height), "--idle-ms", "40"]


def detapp_glcr(glcr, detapp, xpoke, work, width, height):
    """(hashes, screen, screenshot) of detapp run under glcr at width x height."""
    name = "detapp-%dx%d" % (width, height)
    end_file = os.path.join(work, name + "-end")
    glcr.start(name, detapp, *detapp_args(width, height), "--end-file", end_file, size="%dx%d" % (width, height))
    frames.wait_done(glcr, name)
    hashes = frames.of_session(glcr, name)[0]
    screen = Screen(xpoke, work, session_root=glcr.root_pid(name)).settled(name)
    png = os.path.join(work, name + ".png")
    glcr.run("screenshot", name, png)
    open(end_file, "w").close()
    glcr.run("stop", name)
    return hashes, screen, read_png_rgb(png)


def f3d_screens(glcr, xpoke, work, model):
    width, height = F3D_SIZE
    app = ["f3d", "--resolution", "%d,%d" % (width, height), model]
    with Xvfb(width, height) as x:
        proc = subprocess.Popen(app, env=native_env(x.display), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            native = Screen(xpoke, work, display=x.display).settled("native f3d")
        finally:
            proc.kill()
            proc.wait()
    glcr.start("f3d", *app, size="%dx%d" % (width, height))
    got = Screen(xpoke, work, session_root=glcr.root_pid("f3d")).settled("f3d under glcr")
    glcr.run("stop", "f3d")
    return native, got


def test(glcr, detapp, xpoke):
    work = tempfile.mkdtemp(prefix="glcr-native-")
    try:
        for width, height in SIZES:
            size = "%dx%d" % (width, height)
            native, native_screen = detapp_native(detapp, xpoke, work, width, height)
            got, screen, screenshot = detapp_glcr(glcr, detapp, xpoke, work, width, height)
            check(len(native) == FRAMES and len(set(native.values())) > FRAMES // 2,
                  "native detapp %s: %d frames, %d distinct" % (size, len(native), len(set(native.values()))))
            frames.compare(native, got, "detapp %s under glcr" % size, reference="the native run")
            compare_images(native_screen, screen, "detapp %s: the screen after the last frame" % size)
            compare_images(native_screen, screenshot, "detapp %s: glcr screenshot" % size)
        if not shutil.which("f3d"):
            print("SKIP: f3d not installed (scripts/setup installs it); detapp matched native")
            return 77
        model = os.path.join(work, "terrain.obj")
        write_terrain(model, F3D_MODEL_BYTES)
        native, got = f3d_screens(glcr, xpoke, work, model)
        compare_images(native, got, "f3d %dx%d: the screen once rendered" % F3D_SIZE)
        print("native: detapp %d frames at %s and its screen, f3d's screen: identical under glcr"
              % (FRAMES, " and ".join("%dx%d" % s for s in SIZES)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(test))
