#!/usr/bin/env python3
"""Real GL workloads replayed from traces: glmark2 (GLX, desktop GL) and glmark2-es2 (EGL,
OpenGL ES 2) are traced with apitrace under glcr, then glretrace/eglretrace replay each trace
under glcr twice, once plain and once with a full driver reload every few frames
(GLCR_RELOAD_EVERY, about 40 reloads per replay). The MD5 of every fifth frame must be the
same in both replays: every glmark2 scene's objects and state survive the reloads bit for
bit. (eglretrace runs with WAFFLE_PLATFORM=x11_egl: EGL on X11 is what glcr emulates.)"""
import shutil
import sys

from glcrtest import check, main

SCENES = ["build", "texture", "shading", "bump", "effect2d", "pulsar", "desktop", "buffer",
          "ideas", "jellyfish", "terrain", "shadow", "refract", "conditionals", "function", "loop"]
ES_SCENES = ["build", "texture", "shading", "effect2d", "desktop", "buffer", "terrain"]
RELOADS = 40  # about as many, whatever the speed of the machine that recorded the trace
TOOLS = ["apitrace", "glretrace", "eglretrace", "glmark2", "glmark2-es2"]


def record(glcr, name, api, program, scenes, seconds):
    trace = glcr.dir + "/%s.trace" % name
    bench = [a for s in scenes for a in ("-b", "%s:duration=%s" % (s, seconds))]
    glcr.started.append("rec-" + name)
    glcr.run("run", "--name", "rec-" + name, "--size", "320x240", "--", "apitrace", "trace", "-a", api,
             "-o", trace, program, "-s", "160x120", *bench, timeout=240)
    return trace


def replay(glcr, name, retrace, trace, env):
    glcr.started.append(name)
    p = glcr.run("run", "--name", name, "--size", "320x240", "--", retrace, "--snapshot-format=MD5",
                 "-s", "-", "--snapshot-interval=5", trace, env=dict(env, WAFFLE_PLATFORM="x11_egl"),
                 timeout=240)
    return [l for l in p.stdout.splitlines() if len(l) == 32], p.stderr


def same_frames_with_reloads(glcr, name, api, program, retrace, scenes, seconds):
    trace = record(glcr, name, api, program, scenes, seconds)
    plain, _ = replay(glcr, name + "-plain", retrace, trace, {})
    every = max(7, len(plain) * 5 // RELOADS)
    reloading, log = replay(glcr, name + "-reloading", retrace, trace,
                            {"GLCR_RELOAD_EVERY": every, "GLCR_LOG": "info"})
    reloads = log.count("resumed:")
    check(len(plain) >= 5, "%s: only %d frames snapshotted" % (name, len(plain)))
    check(reloads >= 3 and reloads >= len(plain) * 5 // every // 2,
          "%s: %d reloads for %d frames\n%s" % (name, reloads, len(plain) * 5, log[-1500:]))
    check(len(reloading) == len(plain), "%s: %d frames with reloads, %d without\n%s" % (
        name, len(reloading), len(plain), log[-1500:]))
    bad = [i * 5 for i in range(len(plain)) if plain[i] != reloading[i]]
    check(not bad, "%s: frames %s differ after reloads" % (name, bad[:10]))
    print("%s: %d frames compared, %d driver reloads, all identical" % (name, len(plain), reloads))


def test(glcr):
    missing = [t for t in TOOLS if not shutil.which(t)]
    if missing:
        print("SKIP: %s not installed (scripts/setup installs them)" % ", ".join(missing))
        return 77
    same_frames_with_reloads(glcr, "glmark2", "gl", "glmark2", "glretrace", SCENES, 0.15)
    same_frames_with_reloads(glcr, "glmark2-es2", "egl", "glmark2-es2", "eglretrace", ES_SCENES, 0.3)


if __name__ == "__main__":
    sys.exit(main(test))
