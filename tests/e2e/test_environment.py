#!/usr/bin/env python3
"""The app's environment does not leak into the driver half: with LD_LIBRARY_PATH pointing
at a directory whose libEGL.so.1 is not an EGL library at all, the app still renders under
the split (its driver half loads the system's libEGL) and under inproc (in the app's own
namespace libEGL.so.1 is glcr's stand-in, so inproc loads the system's library by path).
The impostor is what a driver half gets when told to use it: GLCR_LOWER_LD_LIBRARY_PATH is
how a user gives the split a search path, GLCR_LOWER_EGL names the library for either."""
import os
import shutil
import sys

from glcrtest import check, main


def test(glcr, detapp):
    fake = os.path.join(glcr.dir, "fake-egl")
    os.makedirs(fake)
    # A real shared library with the wrong contents: dlopen succeeds, EGL does not.
    shutil.copy("/lib/x86_64-linux-gnu/libz.so.1", os.path.join(fake, "libEGL.so.1"))
    app = ["--", detapp, "--frames", 5, "--size", "64x64"]
    env = {"LD_LIBRARY_PATH": fake}

    glcr.started += ["split", "inproc", "told", "told-inproc"]
    p = glcr.run("run", "--name", "split", *app, env=env, check_rc=False)
    check(p.returncode == 0 and p.stdout.count("frame ") == 5,
          "split: the app's LD_LIBRARY_PATH reached the driver half (exit %d): %s" % (p.returncode, p.stderr[-500:]))

    p = glcr.run("run", "--name", "inproc", *app, env=dict(env, GLCR_DRIVER_HALF="inproc"), check_rc=False)
    check(p.returncode == 0 and p.stdout.count("frame ") == 5,
          "inproc: the app's LD_LIBRARY_PATH reached the driver half (exit %d): %s" % (p.returncode, p.stderr[-500:]))

    impostor = {"GLCR_DRIVER_HALF": "inproc", "GLCR_LOWER_EGL": os.path.join(fake, "libEGL.so.1")}
    p = glcr.run("run", "--name", "told-inproc", *app, env=impostor, check_rc=False)
    check(p.returncode != 0 and "eglGetProcAddress" in p.stderr,
          "GLCR_LOWER_EGL did not reach the inproc driver half (exit %d): %s" % (p.returncode, p.stderr[-500:]))

    p = glcr.run("run", "--name", "told", *app, env={"GLCR_LOWER_LD_LIBRARY_PATH": fake}, check_rc=False)
    check(p.returncode != 0 and "eglGetProcAddress" in p.stderr,
          "GLCR_LOWER_LD_LIBRARY_PATH did not reach the driver half (exit %d): %s" % (p.returncode, p.stderr[-500:]))


if __name__ == "__main__":
    sys.exit(main(test))
