#!/usr/bin/env python3
"""glmark2's own output validation (`glmark2 --validate`: every scene renders and compares
pixels against glmark2's reference values), windowed and --off-screen, under glcr with a full
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


def validate(glcr, name, mode, env):
    glcr.started.append(name)
    p = glcr.run("run", "--name", name, "--size", "800x600", "--", "glmark2", "--validate", *mode,
                 env=env, timeout=280)
    verdicts = {}
    for line in p.stdout.splitlines():
        m = VERDICT.match(line.strip())
        if m:
            verdicts["[%s] %s" % (m.group(1), m.group(2))] = m.group(3)
    return verdicts, p.stderr


def test(glcr):
    if not shutil.which("glmark2"):
        print("SKIP: glmark2 not installed (scripts/setup installs it)")
        return 77
    for label, mode in (("windowed", []), ("off-screen", ["--off-screen"])):
        plain, _ = validate(glcr, "plain-" + label, mode, {})
        reloading, log = validate(glcr, "reload-" + label, mode, {"GLCR_RELOAD_EVERY": 1, "GLCR_LOG": "info"})
        reloads = log.count("resumed:")
        success = sum(v == "Success" for v in plain.values())
        check(success >= 20, "%s: only %d scenes validated without reloads: %s" % (label, success, plain))
        failed = [s for s, v in list(plain.items()) + list(reloading.items()) if v not in ("Success", "Unknown")]
        check(not failed, "%s: scenes failed validation: %s" % (label, failed))
        check(reloading == plain, "%s: verdicts differ with reloads: %s" % (label, {
            s: (plain.get(s), reloading.get(s)) for s in set(plain) | set(reloading) if plain.get(s) != reloading.get(s)}))
        check(reloads >= len(plain), "%s: %d reloads for %d scenes\n%s" % (label, reloads, len(plain), log[-1500:]))
        print("glmark2 --validate %s: %d scenes, %d validated, identical verdicts with %d driver reloads"
              % (label, len(plain), success, reloads))


if __name__ == "__main__":
    sys.exit(main(test))
