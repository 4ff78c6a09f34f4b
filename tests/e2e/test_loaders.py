#!/usr/bin/env python3
"""Every way an app can reach GL lands in glcr: linked symbols, dlopen of libGL.so.1, of
libGLX.so.0 + libOpenGL.so.0 (GLVND), of the unversioned libGL.so, libepoxy, and
glXGetProcAddress (unknown names give NULL). tests/apps/loaders checks with dladdr that
every function pointer it uses lives in libglcr, and that it rendered the right pixel."""
import sys

from glcrtest import check, main

MODES = ["linked", "dlopen-libgl", "dlopen-glvnd", "dlopen-unversioned", "epoxy", "getprocaddress"]


def test(glcr, loaders):
    for mode in MODES:
        name = "loaders-" + mode
        glcr.started.append(name)
        p = glcr.run("run", "--name", name, "--size", "320x240", "--", loaders, mode, check_rc=False)
        check(p.returncode == 0, "%s: exit %d\n%s%s" % (mode, p.returncode, p.stdout, p.stderr))
        check("pixel 64 128 191 255" in p.stdout or "pixel 64 128 192 255" in p.stdout,
              "%s: wrong pixel: %s" % (mode, p.stdout))
        interposed = [l for l in p.stdout.splitlines() if l.startswith("interposed ")]
        check(interposed and interposed[0].split()[1].split("/")[0] == interposed[0].split()[1].split("/")[1],
              "%s: not every function is glcr's: %s" % (mode, interposed))


if __name__ == "__main__":
    sys.exit(main(test))
