"""Starts a native app the way glcr run starts one under glcr: an Xvfb of its own and the app,
in one session (so one scheduler autogroup, as glcr's session is), the Xvfb first.

usage: python3 native_launch.py WIDTH HEIGHT STAMP_FILE APP [ARGS...]

Writes the display number and the CLOCK_MONOTONIC time of the app's exec to STAMP_FILE
("DISPLAY TIME"), then becomes the app. bench/glcrbench/common.py ends the session's process
group (the app and the Xvfb) by its id."""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.dont_write_bytecode = True
from glcrbench.common import read_display, xvfb_argv  # noqa: E402


def main():
    width, height, stamp, argv = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    r, w = os.pipe()
    subprocess.Popen(xvfb_argv(width, height, w), pass_fds=(w,), stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    display = read_display(r)
    if not display:
        sys.exit("native_launch: Xvfb did not start")
    os.environ["DISPLAY"] = display
    t = time.monotonic()
    with open(stamp, "w") as f:
        f.write("%s %.9f\n" % (display, t))
    os.execvp(argv[0], argv)


if __name__ == "__main__":
    main()
