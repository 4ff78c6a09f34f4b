#!/usr/bin/env python3
"""glmark2's own output validation (`glmark2 --validate`: every scene renders and compares
pixels against glmark2's reference values), windowed, --off-screen, on a multisample window
(--visual-config samples=4) and as the OpenGL ES build on EGL (glmark2-es2), under glcr with a full
driver reload at every frame end (GLCR_RELOAD_EVERY=1: for a windowed app a buffer swap, for
one that never presents a glFinish). Each scene's objects, state and framebuffer contents
thus cross a reload between drawing and the pixel check. The verdict of every scene must be
the same as in the run without reloads, no scene may fail, and most must be checked
(glmark2 answers "Unknown" for scenes it has no reference for)."""
import re
import shutil
import sys

from glcrtest import check, main

VERDICT = re.compile(r"^\[(.*)\]\s+(.*): Validation: (\w+)$")


def validate(glcr, name, binary, mode, env):
    glcr.started.append(name)
    p = glcr.run("run", "--name", name, "--size", "800x600", "--", binary, "--validate", *mode,
                 env=env, timeout=280)
    if "samples=4" in mode:
        check(re.search(r"Surface Config: .*samples=4", p.stdout), "%s: glmark2 did not get a 4-sample config:\n%s"
              % (name, p.stdout[:800]))
    verdicts = {}
    for line in p.stdout.splitlines():
        m = VERDICT.match(line.strip())
        if m:
            verdicts["[%s] %s" % (m.group(1), m.group(2))] = m.group(3)
    return verdicts, p.stderr


def test(glcr):
    if not shutil.which("glmark2") or not shutil.which("glmark2-es2"):
        print("SKIP: glmark2 or glmark2-es2 not installed (scripts/setup installs them)")
        return 77
    for label, binary, mode in (("windowed", "glmark2", []), ("off-screen", "glmark2", ["--off-screen"]),
                                ("multisample", "glmark2", ["--visual-config", "samples=4"]),
                                ("es2", "glmark2-es2", [])):
        plain, _ = validate(glcr, "plain-" + label, binary, mode, {})
        reloading, log = validate(glcr, "reload-" + label, binary, mode,
                                  {"GLCR_RELOAD_EVERY": 1, "GLCR_LOG": "info"})
        reloads = log.count("resumed:")
        success = sum(v == "Success" for v in plain.values())
        check(success >= 20, "%s: only %d scenes validated without reloads: %s" % (label, success, plain))
        failed = [s for s, v in list(plain.items()) + list(reloading.items()) if v not in ("Success", "Unknown")]
        check(not failed, "%s: scenes failed validation: %s" % (label, failed))
        check(reloading == plain, "%s: verdicts differ with reloads: %s" % (label, {
            s: (plain.get(s), reloading.get(s)) for s in set(plain) | set(reloading) if plain.get(s) != reloading.get(s)}))
        check(reloads >= len(plain), "%s: %d reloads for %d scenes\n%s" % (label, reloads, len(plain), log[-1500:]))
        print("%s --validate %s: %d scenes, %d validated, identical verdicts with %d driver reloads"
              % (binary, label, len(plain), success, reloads))


if __name__ == "__main__":
    sys.exit(main(test))
