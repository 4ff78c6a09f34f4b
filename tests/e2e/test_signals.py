#!/usr/bin/env python3
"""Signal handlers and the GL debug callback run on the app's TLS even when they arrive
while the app thread executes driver code in the split lower half (tests/apps/sigapp.c
counts in __thread variables and checks a canary), with and without driver reloads; and
the app sees its own handler and callback through sigaction and glGetPointerv."""
import sys

from glcrtest import check, main


def test(glcr, sigapp):
    for name, env in [("plain", {}), ("reloading", {"GLCR_RELOAD_EVERY": 25})]:
        glcr.started.append(name)
        p = glcr.run("run", "--name", name, "--size", "320x240", "--", sigapp, 300, env=env, check_rc=False)
        check(p.returncode == 0 and p.stdout.startswith("ok "), "%s: exit %d: %s%s" % (name, p.returncode, p.stdout, p.stderr))
        signals = int(p.stdout.split("signals=")[1].split()[0])
        check(signals > 100, "%s: only %d signals were handled" % (name, signals))


if __name__ == "__main__":
    sys.exit(main(test))
