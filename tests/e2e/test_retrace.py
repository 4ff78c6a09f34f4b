#!/usr/bin/env python3
"""Real GL workloads replayed from traces: glmark2 (GLX, desktop GL) and glmark2-es2 (EGL,
OpenGL ES 2) are traced with apitrace under glcr, then glretrace/eglretrace replay each trace
under glcr twice, once plain and once with a full driver reload every few frames
(GLCR_RELOAD_EVERY, about 40 reloads per replay). The MD5 of every fifth frame must be the
same in both replays: every glmark2 scene's objects and state survive the reloads bit for
bit. (eglretrace runs with WAFFLE_PLATFORM=x11_egl: EGL on X11 is what glcr emulates.)"""
import sys

import traces
from glcrtest import check, main

SCENES = ["build", "texture", "shading", "bump", "effect2d", "pulsar", "desktop", "buffer",
          "ideas", "jellyfish", "terrain", "shadow", "refract", "conditionals", "function", "loop"]
ES_SCENES = ["build", "texture", "shading", "effect2d", "desktop", "buffer", "terrain"]
RELOADS = 40  # about as many, whatever the speed of the machine that recorded the trace
INTERVAL = 5  # every fifth frame is hashed


def same_frames_with_reloads(glcr, name, api, program, retrace, benchmarks):
    trace = traces.record(glcr, name, api, program, benchmarks)
    plain, _ = traces.replay(glcr, name + "-plain", retrace, trace, INTERVAL, {})
    every = max(7, len(plain) * INTERVAL // RELOADS)
    reloading, log = traces.replay(glcr, name + "-reloading", retrace, trace, INTERVAL,
                                   {"GLCR_RELOAD_EVERY": every, "GLCR_LOG": "info"})
    reloads = log.count("resumed:")
    check(len(plain) >= 5, "%s: only %d frames snapshotted" % (name, len(plain)))
    check(reloads >= 3 and reloads >= len(plain) * INTERVAL // every // 2,
          "%s: %d reloads for %d frames\n%s" % (name, reloads, len(plain) * INTERVAL, log[-1500:]))
    traces.compare(plain, reloading, name + " with reloads", INTERVAL, log="\n" + log[-1500:])
    print("%s: %d frames compared, %d driver reloads, all identical" % (name, len(plain), reloads))


def test(glcr):
    return traces.each_build(lambda *build: same_frames_with_reloads(glcr, *build),
                             [s + ":duration=0.15" for s in SCENES], [s + ":duration=0.3" for s in ES_SCENES])


if __name__ == "__main__":
    sys.exit(main(test))
