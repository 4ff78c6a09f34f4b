#!/usr/bin/env python3
"""f3d, a VTK viewer, interactive on a large OBJ model: it loads the model, renders, and then
idles in its X event loop with its context current, rendering only when something happens.
A person's actions are replayed with xpoke (tests/apps): an Expose (redraw), key E (edges)
and key Q (SSAO: new framebuffers, textures and shaders created after the restore).

A reference session does the actions without any checkpoint; the checkpointed session does
the same with a leave-running snapshot and a kill + restore in between, each taken while
f3d idles; a third session reloads the driver at every frame (GLCR_RELOAD_EVERY=1). After
each action the window must match the reference's pixel for pixel (a screenshot of the
virtual display), so the redraws after the snapshot, the restore and each reload come from a
driver that got every buffer, texture and program back.

Last, f3d is traced with apitrace while it plays a mouse drag (f3d --interaction-test-play),
and glretrace replays the trace under glcr with and without a driver reload every few frames:
the MD5 of every frame must be the same."""
import hashlib
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time

from glcrtest import TestFailure, check, main, wait_gone
import traces

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "bench"))
from glcrbench.models import write_terrain  # noqa: E402  (the benchmarks' model generator)

MODEL_MB = 8


def screenshot_md5(glcr, name):
    path = os.path.join(glcr.dir, "%s-shot.png" % name)
    glcr.run("screenshot", name, path)
    with open(path, "rb") as f:
        return hashlib.md5(f.read()).hexdigest()


def wait_idle(glcr, name, after, quiet_s=1.5, timeout=120):
    """Waits until the app presented more than `after` frames and then none for quiet_s."""
    deadline = time.time() + timeout
    last, since = -1, time.time()
    while time.time() < deadline:
        n = glcr.frames(name)
        if n != last:
            last, since = n, time.time()
        elif n > after and time.time() - since >= quiet_s:
            return n
        time.sleep(0.1)
    raise TestFailure("%s: no new idle frame after frame %d within %d s (status: %s)"
                      % (name, after, timeout, glcr.status(name)))


def poke(glcr, name, xpoke, *what):
    """Sends X events to the session's display (the session's own network namespace)."""
    frames = glcr.frames(name)
    root = glcr.root_pid(name)
    p = subprocess.run(["nsenter", "-t", str(root), "-n", xpoke, *what], env=dict(os.environ, DISPLAY=":0"),
                       capture_output=True, text=True, timeout=20)
    check(p.returncode == 0, "xpoke %s: %s" % (" ".join(what), p.stderr.strip()))
    wait_idle(glcr, name, frames)
    return screenshot_md5(glcr, name)


ACTIONS = [("expose",), ("key", "e"), ("key", "q")]
DRAG_MOVES = 30
REPLAY_INTERVAL = 5  # the replays hash every fifth frame


def drag_log(path):
    """A VTK interaction log: the left button held while the mouse swings 30 times."""
    lines = ["# StreamVersion 1.1", "LeftButtonPressEvent 200 150 0 0 0 0 0"]
    lines += ["MouseMoveEvent %d 150 0 0 0 0 0" % (200 + round(100 * math.sin(k / 5.0)))
              for k in range(DRAG_MOVES)]
    lines.append("LeftButtonReleaseEvent 200 150 0 0 0 0 0")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def same_frames_in_replay(glcr, model):
    """Traces f3d playing the drag (it stays open afterwards: the session is stopped once it
    idles), then replays the trace with and without reloads."""
    log, trace = model + ".drag.log", model + ".trace"
    drag_log(log)
    glcr.start("trace", "apitrace", "trace", "-o", trace, "f3d", "--resolution", "400,300",
               "--interaction-test-play", log, model, size="400x300")
    wait_idle(glcr, "trace", DRAG_MOVES // 2, timeout=180)
    glcr.run("stop", "trace")
    plain, _ = traces.replay(glcr, "replay-plain", "glretrace", trace, REPLAY_INTERVAL, {})
    reloading, err = traces.replay(glcr, "replay-reloading", "glretrace", trace, REPLAY_INTERVAL,
                                   {"GLCR_RELOAD_EVERY": 3, "GLCR_LOG": "info"})
    reloads = err.count("resumed:")
    check(len(plain) >= DRAG_MOVES // REPLAY_INTERVAL and len(set(plain)) > len(plain) // 2,
          "f3d trace: %d frames snapshotted, %d distinct" % (len(plain), len(set(plain))))
    check(reloads >= len(plain) * REPLAY_INTERVAL // 3 - 2,
          "f3d trace: %d reloads for %d frames" % (reloads, len(plain) * REPLAY_INTERVAL))
    traces.compare(plain, reloading, "f3d trace with reloads", REPLAY_INTERVAL)
    return len(plain), reloads


def session(glcr, name, model, xpoke, between=None):
    """Starts f3d, then does each action; between(i) runs before action i. Returns the
    screenshot after loading and after each action."""
    glcr.start(name, "f3d", "--resolution", "480,360", model, size="480x360")
    wait_idle(glcr, name, 0, timeout=180)
    shots = [screenshot_md5(glcr, name)]
    for i, action in enumerate(ACTIONS):
        if between:
            between(i)
        shots.append(poke(glcr, name, xpoke, *action))
    return shots


def test(glcr, xpoke):
    if not shutil.which("f3d"):
        print("SKIP: f3d not installed (scripts/setup installs it)")
        return 77
    os.environ.update(GLCR_LOG="info", GLCR_QUIESCE_TIMEOUT="2")
    model = os.path.join(tempfile.mkdtemp(prefix="glcr-f3d-"), "terrain.obj")
    try:
        write_terrain(model, MODEL_MB * 1e6)
        ref = session(glcr, "ref", model, xpoke)
        check(len(set(ref[1:])) == 3 and ref[1] == ref[0],
              "reference: the actions should give the loaded picture and two new ones: %s" % ref)
        glcr.run("stop", "ref")

        def between(i):
            if i == 0:
                glcr.run("checkpoint", "cr")  # leave-running, while f3d idles
            elif i == 2:
                root = glcr.root_pid("cr")
                glcr.run("checkpoint", "cr", "--kill")
                check(wait_gone(root), "session still alive after checkpoint --kill")
                glcr.run("restore", "cr")

        got = session(glcr, "cr", model, xpoke, between)
        for i, what in enumerate(["loaded", "redraw after a snapshot", "key E",
                                  "key Q after kill + restore"]):
            check(got[i] == ref[i], "f3d %s: window differs from the run without checkpoints "
                  "(%s vs %s)" % (what, got[i], ref[i]))
        os.environ["GLCR_RELOAD_EVERY"] = "1"
        reloading = session(glcr, "reload", model, xpoke)
        del os.environ["GLCR_RELOAD_EVERY"]
        reloads = glcr.read("reload", "app.err").count("resumed:")
        check(reloading == ref, "f3d with a reload at every frame: windows differ from the run "
              "without reloads (%s vs %s)" % (reloading, ref))
        check(reloads >= len(ACTIONS), "f3d: only %d reloads" % reloads)
        replayed, replay_reloads = same_frames_in_replay(glcr, model)
        log = glcr.read("cr", "app.err")
        check("let go of their context on signal" in log,
              "f3d's idle thread was not released by signal; app.err:\n" + log[-1500:])
        print("f3d: %d MB model, 2 snapshots while idle (one kill + restore), 4 pictures identical; "
              "with %d driver reloads identical too; a trace of %d frames replays identically "
              "with %d reloads (every 5th frame compared)" % (MODEL_MB, reloads, replayed * 5, replay_reloads))
    finally:
        shutil.rmtree(os.path.dirname(model), ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(test))
