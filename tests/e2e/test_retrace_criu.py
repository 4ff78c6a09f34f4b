#!/usr/bin/env python3
"""glmark2 traces (GLX: glmark2 + glretrace; EGL/OpenGL ES 2: glmark2-es2 + eglretrace)
replayed under glcr and checkpointed with CRIU mid-replay: a checkpoint --kill + restore at a
quarter of the frames, a leave-running snapshot at half, another checkpoint --kill + restore at
three quarters. The MD5 of every fifth frame the session prints, in order, must be those of an
uninterrupted plain replay. Then the leave-running snapshot is restored once more, after the
replay ended: the copy must print the rest of the replay, identical too.

The replay paces its frames (--min-frame-duration) so that it lasts a few seconds, whatever
the speed of the machine that recorded the trace; it writes its hashes to the session's
app.out, block-buffered: a restored copy writes what was still buffered at the dump."""
import os
import sys
import time

import traces
from glcrtest import TestFailure, check, main, wait_gone

GLX_SCENES = ["texture", "shadow", "terrain", "buffer", "refract", "jellyfish"]
ES_SCENES = ["texture", "terrain", "buffer"]
PACED_SECONDS = 6  # how long the checkpointed replay renders, its pauses left out


def printed(glcr, name):
    return traces.hashes(glcr.read(name, "app.out"))


def wait_ended(glcr, name, timeout=120):
    """Waits for the replay, then its session, to end; the replay must end well."""
    path = glcr.session_file(name, "exit_status")
    deadline = time.time() + timeout
    while not os.path.exists(path):
        if time.time() > deadline:
            raise TestFailure("%s: the replay did not end in %d s (status: %s)" % (name, timeout, glcr.status(name)))
        time.sleep(0.05)
    status = glcr.read(name, "exit_status").strip()
    check(status == "exited 0", "%s: replay ended with '%s'; app.err: %s"
          % (name, status, glcr.read(name, "app.err")[-1500:]))
    root = glcr.root_pid(name)
    check(wait_gone(root), "%s: session %d still alive after its replay ended" % (name, root))


def kill_and_restore(glcr, name, at_frame):
    glcr.wait_frames(name, at_frame)
    root = glcr.root_pid(name)
    glcr.run("checkpoint", name, "--kill")
    check(wait_gone(root), "%s: session %d still alive after checkpoint --kill" % (name, root))
    glcr.run("restore", name)


def leave_running_snapshot(glcr, name, at_frame):
    """Takes a snapshot the replay goes on from; (snapshot id, size of app.out before it was
    asked for, size once it was taken)."""
    glcr.wait_frames(name, at_frame)
    before = len(glcr.read(name, "app.out"))
    out = glcr.run("checkpoint", name).stdout
    words = out.split()
    check("snapshot" in words, "%s: unexpected checkpoint output: %s" % (name, out))
    return words[words.index("snapshot") + 1], before, len(glcr.read(name, "app.out"))


def restored_copy_resumes(glcr, name, ref, snapshot, before, after):
    """Restores the leave-running snapshot after the replay ended. The copy appends the rest
    of the output from where its dump found app.out (a buffer flush need not end at a line):
    that part of the complete output, with the copy's appended to it, must be the whole
    replay again. Returns how many frame hashes follow that point."""
    complete = glcr.read(name, "app.out")
    glcr.run("restore", "%s@%s" % (name, snapshot))
    wait_ended(glcr, name)
    copy = glcr.read(name, "app.out")[len(complete):]
    resumed_at = len(complete) - len(copy)
    check(before <= resumed_at <= after, "%s: the copy restored from snapshot %s printed %d bytes: it "
          "should resume at byte %d to %d of %d" % (name, snapshot, len(copy), before, after, len(complete)))
    first = complete[:resumed_at].count("\n")
    spliced = traces.hashes(complete[:resumed_at] + copy)
    traces.compare(ref, spliced[first:], "%s restored from snapshot %s" % (name, snapshot), first=first)
    return len(ref) - first


def survives_checkpoints(glcr, name, api, program, retrace, scenes, seconds):
    t0 = time.time()
    trace = traces.record(glcr, name, api, program, scenes, seconds)
    ref, _ = traces.replay(glcr, name + "-plain", retrace, trace, {})
    check(len(ref) >= 20, "%s: only %d frames hashed in the plain replay" % (name, len(ref)))
    frames = len(ref) * traces.INTERVAL
    pace_us = PACED_SECONDS * 1000000 // frames

    session = name + "-criu"
    glcr.start(session, *traces.replay_command(retrace, trace, "--min-frame-duration=%d" % pace_us),
               size=traces.WINDOW, env=traces.REPLAY_ENV)
    kill_and_restore(glcr, session, frames // 4)
    snapshot, before, after = leave_running_snapshot(glcr, session, frames // 2)
    kill_and_restore(glcr, session, frames * 3 // 4)
    wait_ended(glcr, session)
    whole = printed(glcr, session)
    traces.compare(ref, whole, "%s (2 kill+restores, 1 leave-running snapshot)" % session)

    resumed = restored_copy_resumes(glcr, session, ref, snapshot, before, after)
    print("%s: %d frames hashed, identical through 2 kill+restores and a leave-running snapshot; "
          "%d identical after restoring that snapshot (%.1f s)" % (name, len(ref), resumed, time.time() - t0))


def test(glcr):
    return traces.each_build(lambda *build: survives_checkpoints(glcr, *build), GLX_SCENES, ES_SCENES)


if __name__ == "__main__":
    sys.exit(main(test))
