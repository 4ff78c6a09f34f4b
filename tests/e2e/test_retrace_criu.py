#!/usr/bin/env python3
"""glmark2 traces (GLX: glmark2 + glretrace; EGL/OpenGL ES 2: glmark2-es2 + eglretrace)
replayed under glcr and checkpointed with CRIU in the middle of every scene: checkpoint
--kill + restore in each scene but the last, a leave-running snapshot in the last. The MD5 of
every frame the session prints, in order, must be those of an uninterrupted plain replay.
Then the leave-running snapshot is restored once more, after the replay ended: the copy must
print the rest of the replay, identical too.

Each scene renders a fixed number of frames (glmark2's nframes), so the trace is the same
length on every machine, and the replay paces its frames (--min-frame-duration) so that each
scene lasts long enough to be checkpointed in. The replay writes its hashes to the session's
app.out, block-buffered: a restored process writes what was still buffered at its dump."""
import os
import sys
import time

import traces
from glcrtest import TestFailure, check, main, wait_gone

GLX_SCENES = [("texture", 30), ("shadow", 30), ("terrain", 10), ("buffer", 30), ("refract", 30),
              ("jellyfish", 30)]
ES_SCENES = [("texture", 30), ("terrain", 10), ("buffer", 30)]
FRAME_US = 40000  # a paced frame lasts at least this long
EVERY_FRAME = 1


def benchmarks(scenes):
    return ["%s:nframes=%d" % scene for scene in scenes]


def scene_spans(benchmarks):
    """(scene, its first frame, its number of frames) of each benchmark."""
    spans, first = [], 0
    for bench in benchmarks:
        scene, _, frames = bench.partition(":nframes=")
        spans.append((scene, first, int(frames)))
        first += int(frames)
    return spans


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


def checkpoint_in(glcr, name, span, *options):
    """Checkpoints the replay in the middle of the scene SPAN; (the snapshot's id, the size of
    app.out before the checkpoint was asked for and once it was taken). The snapshot must have
    been taken in that scene, or the test would not test it."""
    scene, first, frames = span
    glcr.wait_frames(name, first + frames // 2)
    before = len(glcr.read(name, "app.out"))
    out = glcr.run("checkpoint", name, *options).stdout
    words = out.split()
    check("snapshot" in words, "%s: unexpected checkpoint output: %s" % (name, out))
    snapshot = words[words.index("snapshot") + 1]
    taken_at = glcr.snapshot_info(name, snapshot)["frames"]
    check(first <= taken_at < first + frames, "%s: snapshot %s of scene %s (frames %d to %d) was taken at "
          "frame %d" % (name, snapshot, scene, first, first + frames - 1, taken_at))
    return snapshot, before, len(glcr.read(name, "app.out"))


def kill_and_restore(glcr, name, span):
    root = glcr.root_pid(name)
    checkpoint_in(glcr, name, span, "--kill")
    check(wait_gone(root), "%s: session %d still alive after checkpoint --kill" % (name, root))
    glcr.run("restore", name)


def restored_copy_resumes(glcr, name, ref, snapshot, before, after):
    """Restores the leave-running snapshot after the replay ended. The copy appends the rest
    of the output from where its dump found app.out (between BEFORE and AFTER bytes; a buffer
    flush need not end at a line): that part of the complete output, with the copy's appended
    to it, must be the whole replay again. Returns how many frame hashes follow that point."""
    complete = glcr.read(name, "app.out")
    glcr.run("restore", "%s@%s" % (name, snapshot))
    wait_ended(glcr, name)
    copy = glcr.read(name, "app.out")[len(complete):]
    resumed_at = len(complete) - len(copy)
    check(before <= resumed_at <= after, "%s: the copy restored from snapshot %s printed %d bytes: it "
          "should resume at byte %d to %d of %d" % (name, snapshot, len(copy), before, after, len(complete)))
    first = complete[:resumed_at].count("\n")
    spliced = traces.hashes(complete[:resumed_at] + copy)
    traces.compare(ref, spliced[first:], "%s restored from snapshot %s" % (name, snapshot), EVERY_FRAME,
                   first=first)
    return len(ref) - first


def survives_checkpoints(glcr, name, api, program, retrace, benchmarks):
    t0 = time.time()
    trace = traces.record(glcr, name, api, program, benchmarks)
    ref, _ = traces.replay(glcr, name + "-plain", retrace, trace, EVERY_FRAME, {})
    spans = scene_spans(benchmarks)
    check(len(ref) == sum(frames for _, _, frames in spans), "%s: the plain replay hashed %d frames, "
          "the benchmarks render %d" % (name, len(ref), sum(frames for _, _, frames in spans)))

    session = name + "-criu"
    glcr.start(session, *traces.replay_command(retrace, trace, EVERY_FRAME, "--min-frame-duration=%d" % FRAME_US),
               size=traces.WINDOW, env=traces.REPLAY_ENV)
    for span in spans[:-1]:
        kill_and_restore(glcr, session, span)
    snapshot, before, after = checkpoint_in(glcr, session, spans[-1])
    wait_ended(glcr, session)
    scenes = ", ".join(scene for scene, _, _ in spans[:-1])
    traces.compare(ref, printed(glcr, session), "%s (checkpoint --kill + restore in %s; leave-running "
                   "snapshot in %s)" % (session, scenes, spans[-1][0]), EVERY_FRAME)

    resumed = restored_copy_resumes(glcr, session, ref, snapshot, before, after)
    print("%s: %d frames identical to the plain replay through a checkpoint --kill + restore in %s "
          "and a leave-running snapshot in %s; the last %d identical again after restoring that "
          "snapshot (%.1f s)" % (name, len(ref), scenes, spans[-1][0], resumed, time.time() - t0))


def test(glcr):
    return traces.each_build(lambda *build: survives_checkpoints(glcr, *build),
                             benchmarks(GLX_SCENES), benchmarks(ES_SCENES))


if __name__ == "__main__":
    sys.exit(main(test))
