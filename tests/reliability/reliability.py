#!/usr/bin/env python3
"""glcr's reliability suite, in the style of CRIU's ZDTM tests: each case does one thing to
a session (a fault, a bad input, another user, load) and then proves that nothing was lost:
the app goes on (or its newest good snapshot restores), earlier snapshots are intact, no
half-written snapshot is listed, and every frame the app printed, across all the restored
copies, hashes exactly like the same frame of an uninterrupted run.

usage: reliability.py GROUP GLCR DETAPP MTAPP [--soak]

GROUP is one of
  modes     detapp and mtapp: kill + restore, leave-running, 20 cycles on one session,
            restore of an older snapshot after newer ones
  faults    SIGKILL of glcr at every checkpoint phase and of criu at every dump phase, glcr
            killed during the dump and the restore, disk full, the app crashing during a
            snapshot, restore while running, restore while the display number and PIDs
            are taken, a GL error during the replay, a driver without an extension the
            app's driver had
  badinput  truncated, corrupted, incomplete, foreign and hostile snapshot directories, other
            glcr versions and formats, hostile session names and snapshot ids, oversized and
            malformed control messages, concurrent checkpoints and restores
  security  private files and sockets; another uid cannot checkpoint, restore, inspect or
            talk to a session
  load      mtapp rendering on several threads and contexts while snapshots are taken every
            second: no deadlock, no lost frame state, pauses bounded. 40 s; with --soak (or
            GLCR_SOAK=1) GLCR_SOAK_SECONDS, default 300

Each case prints one line saying what was tried and what was checked; the summary at the
end says how many cases ran and that nothing was lost, or lists the failures."""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import frames  # noqa: E402
from glcrtest import (TestFailure, alive, as_user, check, control_request, main,  # noqa: E402
                      wait_gone)
from test_cli_common import (end_supervisors, files_are_private, real_criu, snapshot_ids,  # noqa: E402
                             supervisor_pid, wait_for)

SIZE = "96x80"
SCREEN = "160x120"


class Suite:
    """Runs the cases of a group, one line each, and keeps going after a failure."""

    def __init__(self, glcr, group):
        self.glcr, self.group = glcr, group
        self.passed, self.failed = [], []

    def case(self, what, fn, *args):
        t0 = time.time()
        try:
            detail = fn(*args)
        except Exception as e:  # noqa: BLE001 - every case is reported, whatever went wrong
            if not isinstance(e, TestFailure):
                e = "%s: %s" % (type(e).__name__, e)
            self.failed.append("%s: %s" % (what, e))
            print("FAIL  %-58s %s" % (what, e), flush=True)
            return False
        self.passed.append(what)
        print("ok    %-58s %s (%.1f s)" % (what, detail or "", time.time() - t0), flush=True)
        return True

    def finish(self):
        total = len(self.passed) + len(self.failed)
        if self.failed:
            raise TestFailure("%d of %d %s cases failed:\n  %s" % (len(self.failed), total, self.group,
                                                                   "\n  ".join(self.failed)))
        print("reliability %s: %d cases tried, all passed: no snapshot lost, no app left paused or "
              "rendering wrong" % (self.group, total), flush=True)


# ---- sessions of the deterministic apps ---------------------------------------------------

class App:
    """A deterministic app (detapp, or mtapp with several threads) run in sessions; its
    reference is an uninterrupted run of at least as many frames as any session printed."""

    def __init__(self, glcr, label, argv):
        self.glcr, self.label, self.argv = glcr, label, argv
        self.ref, self.ref_frames = {}, 0

    def start(self, name, frames_n, delay_ms, env=None, extra=()):
        self.glcr.started.append(name)
        self.glcr.run("run", "-d", "--name", name, "--size", SCREEN, *extra, "--",
                      *self.argv(frames_n, delay_ms), env=env)

    def reference(self, n):
        """Runs the app uninterrupted for n frames (once per larger n)."""
        if n <= self.ref_frames:
            return self.ref
        name = "ref-%s-%d" % (self.label, n)
        self.glcr.started.append(name)
        p = self.glcr.run("run", "--name", name, "--size", SCREEN, "--", *self.argv(n, 0), check_rc=False,
                          timeout=600)
        got, _, done = frames.of_session(self.glcr, name)
        if p.returncode != 0 or done != 1:
            raise TestFailure("reference run of %s (%d frames): exit status %d, %d 'done' lines, %d frames; "
                              "stderr: %s; app.err: %s" % (
                                  self.label, n, p.returncode, done, len(got), p.stderr[-300:].strip(),
                                  self.glcr.tail(name, "app.err")))
        self.ref, self.ref_frames = got, n
        return got

    def verify(self, name, what):
        """Every frame session `name` printed (all its restored copies together) matches the
        uninterrupted run; returns (frames reached, frame lines)."""
        got, lines, _ = frames.of_session(self.glcr, name)
        reached = frames.progress(got)
        ref = self.reference(max(k[1] if isinstance(k, tuple) else k for k in got) if got else 1)
        frames.compare(ref, got, "%s %s" % (self.label, what), keys=got.keys())
        # No frame below the highest printed one is missing: nothing was skipped.
        gaps = [k for k in ref if k not in got and (k[1] if isinstance(k, tuple) else k) <= reached]
        check(not gaps, "%s %s: frames missing below frame %d: %s" % (self.label, what, reached, gaps[:4]))
        return reached, lines, len(got)


def detapp_argv(detapp):
    return lambda n, delay: [detapp, "--frames", n, "--size", SIZE, "--delay-ms", delay]


def mtapp_argv(mtapp, threads=2):
    return lambda n, delay: [mtapp, "--threads", threads, "--frames", n, "--size", "64x64", "--delay-ms", delay]


def goes_on(glcr, name, at_least=5, timeout=20):
    """The session's app renders new frames (it is neither paused nor dead); returns the
    frame counts before and after."""
    before = glcr.frames(name)
    check(before >= 0, "%s: the app does not answer (status: %s)" % (name, glcr.status(name)))
    glcr.wait_frames(name, before + at_least, timeout=timeout)
    return before, glcr.frames(name)


def snapshots(glcr, name):
    return snapshot_ids(glcr, name)


def hidden(glcr, name):
    return sorted(d for d in os.listdir(glcr.session_file(name, "snapshots")) if d.startswith("."))


def killed_checkpoint(glcr, name, phase, *flags):
    p = glcr.run("checkpoint", name, *flags, check_rc=False, env={"GLCR_TEST_FAULT": phase})
    check(p.returncode == -signal.SIGKILL, "glcr checkpoint with GLCR_TEST_FAULT=%s exited %d: %s" % (
        phase, p.returncode, p.stderr.strip()))


def one_error_line(p, *words):
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    check(p.returncode not in (0, None), "succeeded: %s" % p.stdout.strip())
    check(len(lines) == 1 and lines[0].startswith("glcr: "), "expected one error line, got %r" % p.stderr)
    for w in words:
        check(w in lines[0], "%r does not say %r" % (lines[0], w))
    return lines[0]


def restore_and_go_on(glcr, name, *args):
    root = glcr.root_pid(name)
    if root and alive(root):
        glcr.run("stop", name)
        check(wait_gone(root), "%s: stop left pid %d" % (name, root))
    out = glcr.run("restore", name if not args else "%s@%s" % (name, args[0])).stdout.strip()
    goes_on(glcr, name)
    return out


# ---- modes ----------------------------------------------------------------------------------

def mode_kill_restore(glcr, app):
    name = app.label + "-kill"
    total = 60
    app.start(name, total, 20)
    frames.wait_progress(glcr, name, 15)
    root = glcr.root_pid(name)
    glcr.run("checkpoint", name, "--kill")
    check(wait_gone(root), "session still alive after checkpoint --kill")
    before = frames.progress(frames.of_session(glcr, name)[0])
    check(before < total, "the app finished before the checkpoint")
    glcr.run("restore", name)
    frames.wait_done(glcr, name)
    reached, lines, distinct = app.verify(name, "kill+restore")
    check(reached == total, "only %d of %d frames" % (reached, total))
    # Memory comes back as it was when the app was killed: no frame is rendered twice.
    check(lines == distinct, "%d frame lines for %d frames: some printed twice" % (lines, distinct))
    return "checkpoint --kill at frame %d, restored, all %d frames match, each printed once" % (before, lines)


def mode_leave_running(glcr, app):
    name = app.label + "-live"
    total = 60
    app.start(name, total, 20)
    frames.wait_progress(glcr, name, 15)
    glcr.run("checkpoint", name)
    frames.wait_done(glcr, name)
    _, first_lines, _ = app.verify(name, "leave-running (original)")
    root = glcr.root_pid(name)
    check(wait_gone(root), "the original did not end after 'done'")
    glcr.run("restore", name)
    frames.wait_done(glcr, name, times=2)
    reached, lines, _ = app.verify(name, "leave-running (restored copy)")
    check(lines > first_lines and reached == total, "the restored copy printed nothing new")
    return "original finished (%d frame lines), restored copy replayed %d more, all match" % (
        first_lines, lines - first_lines)


def mode_cycles_and_older(glcr, app, cycles=20):
    """cycles checkpoint --kill + restore in a row on one session, then restores of older
    snapshots (the third, then the first) after all the newer ones exist."""
    name = app.label + "-cycles"
    total = 3000
    app.start(name, total, 30)
    frames.wait_progress(glcr, name, 5)
    reached = []
    for i in range(cycles):
        now = frames.progress(frames.of_session(glcr, name)[0])
        check(now < total - 50, "the app is about to finish after %d cycles (machine too slow?)" % i)
        frames.wait_progress(glcr, name, now + 3)
        root = glcr.root_pid(name)
        p = glcr.run("checkpoint", name, "--kill", check_rc=False)
        check(p.returncode == 0, "cycle %d: checkpoint --kill failed: %s" % (i + 1, p.stderr.strip()))
        check(wait_gone(root), "cycle %d: session alive after checkpoint --kill" % (i + 1))
        p = glcr.run("restore", name, check_rc=False)
        check(p.returncode == 0, "cycle %d: restore failed: %s" % (i + 1, p.stderr.strip()))
        reached.append(frames.progress(frames.of_session(glcr, name)[0]))
    ids = snapshots(glcr, name)
    check(len(ids) == cycles, "%d snapshots after %d cycles: %s" % (len(ids), cycles, ids))
    frames.wait_progress(glcr, name, reached[-1] + 10)
    r, lines, distinct = app.verify(name, "%d kill+restore cycles" % cycles)
    check(lines == distinct, "%d frame lines for %d frames across the cycles: some printed twice" % (
        lines, distinct))
    # Older snapshots, after newer ones exist: the copy goes on from where that one was.
    for older in (ids[2], ids[0]):
        restore_and_go_on(glcr, name, older)
        app.verify(name, "restore of older snapshot %s" % older)
    glcr.run("stop", name)
    return "%d cycles (frame %d -> %d), then snapshots %s and %s restored; every frame matches" % (
        cycles, reached[0], r, ids[2], ids[0])


def group_modes(suite, glcr, detapp, mtapp):
    for app in (App(glcr, "detapp", detapp_argv(detapp)), App(glcr, "mtapp", mtapp_argv(mtapp))):
        suite.case("%s: kill + restore" % app.label, mode_kill_restore, glcr, app)
        suite.case("%s: leave-running" % app.label, mode_leave_running, glcr, app)
        suite.case("%s: 20 cycles on one session, older snapshots" % app.label, mode_cycles_and_older, glcr, app)


# ---- faults ---------------------------------------------------------------------------------

CRIU_WRAPPER = """#!/bin/sh
# Runs the real criu, killing it (SIGKILL) at one phase of a dump: an action-script phase
# (pre-dump, network-lock, post-dump), 'memory' (as soon as it writes page images, while its
# code is inside the session's processes), or 'crash-app' (the app gets SIGSEGV first, as if
# it crashed right after glcr paused it).
real='%(criu)s'
at="$GLCR_TEST_CRIU_KILL"
if [ "$1" != dump ] || [ -z "$at" ]; then exec "$real" "$@"; fi
dir=; tree=; prev=
for a in "$@"; do
  [ "$prev" = --images-dir ] && dir=$a
  [ "$prev" = --tree ] && tree=$a
  prev=$a
done
case "$at" in
memory)
  "$real" "$@" &
  pid=$!
  while kill -0 $pid 2>/dev/null; do
    if ls "$dir"/pages-*.img >/dev/null 2>&1; then kill -9 $pid; break; fi
  done
  wait $pid
  exit $? ;;
crash-app)
  for c in $(cat /proc/$tree/task/*/children); do
    case "$(cat /proc/$c/comm)" in X*) ;; *) kill -SEGV $c ;; esac
  done
  sleep 0.5
  exec "$real" "$@" ;;
*)
  exec "$real" "$@" --action-script '%(hook)s' ;;
esac
"""

CRIU_HOOK = """#!/bin/sh
[ "$CRTOOLS_SCRIPT_ACTION" = "$GLCR_TEST_CRIU_KILL" ] && kill -9 $PPID
exit 0
"""


# What glcr says when criu died with its code inside a process of the session, which ended.
PARASITE_TRAPPED = "criu was killed while its parasite code ran inside one of the session's processes"


def criu_wrapper(glcr):
    path = os.path.join(glcr.dir, "criu-faults")
    hook = os.path.join(glcr.dir, "criu-hook")
    if not os.path.exists(path):
        with open(hook, "w") as f:
            f.write(CRIU_HOOK)
        with open(path, "w") as f:
            f.write(CRIU_WRAPPER % {"criu": real_criu(), "hook": hook})
        os.chmod(hook, 0o700)
        os.chmod(path, 0o700)
    return path


class FaultSession:
    """One long-running detapp session that every fault case works on. `good` is the newest
    snapshot known to be good; `app` checks all frames at the end."""

    def __init__(self, glcr, detapp):
        self.glcr, self.name = glcr, "faults"
        self.app = App(glcr, "detapp", detapp_argv(detapp))
        self.app.start(self.name, 1000000, 20)
        frames.wait_progress(glcr, self.name, 10)
        glcr.run("checkpoint", self.name)
        self.good = snapshots(glcr, self.name)[-1]

    def ensure_running(self):
        root = self.glcr.root_pid(self.name)
        if not (root and alive(root)):
            restore_and_go_on(self.glcr, self.name)

    def fresh_checkpoint(self):
        """A checkpoint after the fault works, and leaves no partial snapshot behind."""
        out = self.glcr.run("checkpoint", self.name).stdout
        self.good = snapshots(self.glcr, self.name)[-1]
        left = [d for d in hidden(self.glcr, self.name) if d.startswith(".partial-")]
        check(not left, "partial snapshots left after a good checkpoint: %s" % left)
        check("snapshot %s" % self.good in out, "checkpoint said %r" % out)


def fault_glcr_killed(fs, phase, kill_mode):
    glcr, name = fs.glcr, fs.name
    fs.ensure_running()
    before = snapshots(glcr, name)
    root = glcr.root_pid(name)
    killed_checkpoint(glcr, name, phase, *(["--kill"] if kill_mode else []))
    ids = snapshots(glcr, name)
    check(ids == before, "listed snapshots changed from %s to %s" % (before, ids))
    if kill_mode and phase in ("dumped", "sealed"):
        # criu had ended the session with the dump; the snapshot was never completed.
        check(wait_gone(root), "the session survived a completed --kill dump")
        out = restore_and_go_on(glcr, name)
        check("from snapshot %s" % fs.good in out, "restored from the wrong snapshot: %s" % out)
        how = "session ended with the dump; previous snapshot %s restored and renders" % fs.good
    else:
        f0, f1 = goes_on(glcr, name)
        how = "app went on by itself (%d -> %d frames); snapshots still %s" % (f0, f1, ",".join(ids))
    fs.fresh_checkpoint()
    return how


def fault_criu_killed(fs, at, kill_mode):
    glcr, name = fs.glcr, fs.name
    fs.ensure_running()
    before = snapshots(glcr, name)
    p = glcr.run("checkpoint", name, *(["--kill"] if kill_mode else []), check_rc=False,
                 env={"GLCR_CRIU": criu_wrapper(glcr), "GLCR_TEST_CRIU_KILL": at})
    line = one_error_line(p, "checkpoint of '%s' failed" % name, "criu dump was killed (signal 9")
    check(snapshots(glcr, name) == before, "listed snapshots changed: %s" % snapshots(glcr, name))
    failed = [d for d in hidden(glcr, name) if d.startswith(".failed-")]
    check(len(failed) == 1, "failed-checkpoint directories: %s" % failed)
    kept = os.listdir(glcr.session_file(name, "snapshots/" + failed[0]))
    check(all(f.endswith(".log") for f in kept), "a failed checkpoint kept images: %s" % kept)
    if PARASITE_TRAPPED in line:
        # criu died while it had a process of the session execute its code (a remote syscall
        # or its parasite): that process traps with nobody to catch it and cannot go on (only
        # criu held its registers). Whether criu is inside a process at the moment it dies is
        # down to timing; when it was, glcr must say so in its one line, the session must be
        # gone, and the previous snapshot must bring it back.
        check(at == "memory", "criu killed at '%s', when its code is inside no process: %s" % (at, line))
        check(("snapshot %s is intact: glcr restore %s" % (fs.good, name)) in line, "does not name %s: %s" % (
            fs.good, line))
        root = glcr.root_pid(name)
        check(not (root and alive(root)), "glcr said the session ended, but pid %s lives" % root)
        out = restore_and_go_on(glcr, name)
        check("from snapshot %s" % fs.good in out, "restored from the wrong snapshot: %s" % out)
        fs.fresh_checkpoint()
        return "session ended, said so; snapshot %s restored and renders" % fs.good
    f0, f1 = goes_on(glcr, name)
    fs.fresh_checkpoint()
    return "%s; app went on (%d -> %d), only logs kept" % (line[6:60] + "...", f0, f1)


def fault_glcr_killed_during_dump(fs):
    """glcr gets SIGKILL while criu writes the image: criu finishes, the app notices that
    nobody will resume it and resumes by itself; the unfinished snapshot is not listed and
    the next checkpoint removes it."""
    glcr, name = fs.glcr, fs.name
    fs.ensure_running()
    before = snapshots(glcr, name)
    mark = os.path.join(glcr.dir, "dump-started")
    slow = os.path.join(glcr.dir, "slow-criu")
    with open(slow, "w") as f:
        f.write("#!/bin/sh\nif [ \"$1\" = dump ]; then : > '%s'; sleep 1; fi\nexec '%s' \"$@\"\n" % (mark, real_criu()))
    os.chmod(slow, 0o700)
    p = subprocess.Popen([glcr.path, "--dir", glcr.dir, "checkpoint", name], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=dict(os.environ, GLCR_CRIU=slow))
    wait_for("criu dump to start", lambda: os.path.exists(mark), timeout=20, step=0.01)
    p.kill()
    p.wait()
    glcr.reap()
    os.unlink(mark)
    f0, f1 = goes_on(glcr, name, timeout=30)
    check(snapshots(glcr, name) == before, "listed snapshots changed: %s" % snapshots(glcr, name))
    partial = [d for d in hidden(glcr, name) if d.startswith(".partial-")]
    fs.fresh_checkpoint()
    return "app resumed by itself (%d -> %d); unfinished %s not listed, removed by the next checkpoint" % (
        f0, f1, partial[0] if partial else "snapshot")


def fault_glcr_killed_during_restore(fs):
    glcr, name = fs.glcr, fs.name
    fs.ensure_running()
    glcr.run("checkpoint", name, "--kill")
    fs.good = snapshots(glcr, name)[-1]
    p = glcr.run("restore", name, check_rc=False, env={"GLCR_TEST_FAULT": "restored"})
    check(p.returncode == -signal.SIGKILL, "restore with GLCR_TEST_FAULT=restored exited %d" % p.returncode)
    f0, f1 = goes_on(glcr, name, timeout=30)
    return "processes were back, GL state not yet: the app rebuilt it by itself (%d -> %d frames)" % (f0, f1)


def fault_disk_full(glcr, app):
    """The session directory on a small tmpfs that the checkpoint fills up."""
    mnt = os.path.join(glcr.dir, "small-disk")
    os.makedirs(mnt)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200m,mode=700", "tmpfs", mnt], check=True)
    try:
        return disk_full_on(glcr, app, mnt)
    finally:
        end_session_under(glcr, mnt)
        subprocess.run(["umount", mnt], check=False)


def end_session_under(glcr, base):
    sessions = os.path.join(base, "sessions")
    for name in os.listdir(sessions) if os.path.isdir(sessions) else []:
        subprocess.run([glcr.path, "--dir", base, "stop", name], capture_output=True)
        pid = 0
        with open(os.path.join(sessions, name, "info")) as f:
            for line in f:
                if line.startswith("root_pid="):
                    pid = int(line.split("=")[1])
        if pid and alive(pid):
            os.kill(pid, signal.SIGKILL)
            wait_gone(pid)
    glcr.reap()


def disk_full_on(glcr, app, mnt):
    def g(*args, **kw):
        p = subprocess.run([glcr.path, "--dir", mnt] + [str(a) for a in args], capture_output=True, text=True,
                           timeout=120, **kw)
        glcr.reap()
        return p
    name = "full"
    p = g("run", "-d", "--name", name, "--size", SCREEN, "--", *app.argv(1000000, 20))
    check(p.returncode == 0, "run on the small disk: %s" % p.stderr)
    sdir = os.path.join(mnt, "sessions", name)
    wait_for("frames", lambda: "frame 10 " in open(os.path.join(sdir, "app.out")).read(), timeout=30)
    check(g("checkpoint", name).returncode == 0, "first checkpoint on the small disk failed")
    st = os.statvfs(mnt)
    used = (st.f_blocks - st.f_bfree) * st.f_frsize
    snap = sum(os.path.getsize(os.path.join(sdir, "snapshots", "0001", f))
               for f in os.listdir(os.path.join(sdir, "snapshots", "0001")))
    # Room for about half of another snapshot.
    subprocess.run(["mount", "-o", "remount,size=%d" % (used + snap // 2), mnt], check=True)
    p = g("checkpoint", name)
    line = one_error_line(p, "checkpoint of 'full' failed", "No space left on device", "is full")
    ids = sorted(d for d in os.listdir(os.path.join(sdir, "snapshots")) if not d.startswith("."))
    check(ids == ["0001"], "snapshots after the failed checkpoint: %s" % ids)
    failed = [d for d in os.listdir(os.path.join(sdir, "snapshots")) if d.startswith(".failed-")]
    kept = os.listdir(os.path.join(sdir, "snapshots", failed[0])) if failed else []
    check(all(f.endswith(".log") for f in kept), "the failed checkpoint kept images: %s" % kept)
    n0 = open(os.path.join(sdir, "app.out")).read().count("\n")
    wait_for("the app going on", lambda: open(os.path.join(sdir, "app.out")).read().count("\n") > n0 + 5,
             timeout=20)
    # --kill on a full disk: the dump fails, so the session must live on.
    p = g("checkpoint", name, "--kill")
    one_error_line(p, "No space left on device")
    n0 = open(os.path.join(sdir, "app.out")).read().count("\n")
    wait_for("the app going on after a failed --kill", lambda: open(os.path.join(sdir, "app.out")).read().count(
        "\n") > n0 + 5, timeout=20)
    # Space again: the previous snapshot was intact all along.
    subprocess.run(["mount", "-o", "remount,size=200m", mnt], check=True)
    check(g("stop", name).returncode == 0, "stop failed")
    p = g("restore", name)
    check(p.returncode == 0 and "from snapshot 0001" in p.stdout, "restore of 0001 after disk full: %s%s" % (
        p.stdout, p.stderr))
    n0 = open(os.path.join(sdir, "app.out")).read().count("\n")
    wait_for("the restored app rendering", lambda: open(os.path.join(sdir, "app.out")).read().count("\n") > n0 + 5,
             timeout=20)
    got, _, _ = frames.parse(open(os.path.join(sdir, "app.out")).read(), name)
    ref = app.reference(max(got))
    frames.compare(ref, got, "disk full session", keys=got.keys())
    return "%s...; app went on; 0001 restored afterwards, frames match" % line[6:70]


def fault_app_crash_during_snapshot(fs):
    """The app dies (SIGSEGV) after glcr paused it, before criu saves it."""
    glcr, name = fs.glcr, fs.name
    fs.ensure_running()
    before = snapshots(glcr, name)
    p = glcr.run("checkpoint", name, check_rc=False,
                 env={"GLCR_CRIU": criu_wrapper(glcr), "GLCR_TEST_CRIU_KILL": "crash-app"})
    line = one_error_line(p, "checkpoint of '%s' failed" % name, "the app ended during the checkpoint (signal 11")
    check(snapshots(glcr, name) == before, "listed snapshots changed: %s" % snapshots(glcr, name))
    out = restore_and_go_on(glcr, name)
    check("from snapshot %s" % before[-1] in out, "restored %s" % out)
    return "%s...; snapshot %s restored" % (line[6:90], before[-1])


def fault_restore_while_running(fs):
    glcr, name = fs.glcr, fs.name
    fs.ensure_running()
    for arg in (name, "%s@%s" % (name, fs.good)):
        p = glcr.run("restore", arg, check_rc=False)
        one_error_line(p, "is running", "glcr stop %s" % name)
    goes_on(glcr, name)
    return "refused, naming 'glcr stop'; the app went on"


def fault_display_and_pids_taken(fs):
    """The session's display number is taken by an X server outside it and by another
    session, and its PIDs by the other session's processes: the restore does not mind."""
    glcr, name = fs.glcr, fs.name
    fs.ensure_running()
    display = int(fs.glcr.status(name)["display"])
    root = glcr.root_pid(name)
    glcr.run("checkpoint", name, "--kill")
    check(wait_gone(root), "session alive after --kill")
    fs.good = snapshots(glcr, name)[-1]
    other = "faults-twin"
    fs.app.start(other, 1000000, 20)
    frames.wait_progress(glcr, other, 3)
    check(int(glcr.status(other)["display"]) == display, "the other session got another display number")
    xvfb = None
    if not os.path.exists("/tmp/.X11-unix/X%d" % display):
        xvfb = subprocess.Popen(["Xvfb", ":%d" % display, "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        wait_for("an X server on :%d" % display, lambda: os.path.exists("/tmp/.X11-unix/X%d" % display), timeout=10)
    try:
        out = glcr.run("restore", name).stdout
        goes_on(glcr, name)
        goes_on(glcr, other)
    finally:
        if xvfb:
            xvfb.terminate()
            xvfb.wait()
        glcr.run("stop", other, check_rc=False)
    check("from snapshot %s" % fs.good in out, out)
    return ":%d held by %s and session %s (same PIDs in its namespace); restored, both render" % (
        display, "a host Xvfb" if xvfb else "another X server", other)


def fault_in_replay(glcr, app, name, fault, *words):
    """The GL state cannot be replayed after a restore (GLCR_TEST_FAULT in the app, acting
    only on a restore): the restore fails saying why, the app is ended before it renders a
    frame, the snapshot stays."""
    app.start(name, 1000000, 20, env={"GLCR_TEST_FAULT": fault})
    frames.wait_progress(glcr, name, 5)
    root = glcr.root_pid(name)
    glcr.run("checkpoint", name, "--kill")
    check(wait_gone(root), "alive after --kill")
    printed = frames.of_session(glcr, name)[1]
    p = glcr.run("restore", name, check_rc=False)
    line = one_error_line(p, "cannot restore '%s' from snapshot 0001" % name, "nothing renders wrong", *words)
    check(frames.of_session(glcr, name)[1] == printed, "the app printed frames after the failed replay")
    check(glcr.status(name)["state"] != "running", "the session runs after a failed replay")
    check(snapshots(glcr, name) == ["0001"], "snapshot gone: %s" % snapshots(glcr, name))
    return "refused, no frame rendered: ..." + line.split("resume failed: ", 1)[-1][:110] + "..."


def group_faults(suite, glcr, detapp, mtapp):
    fs = FaultSession(glcr, detapp)
    for phase in ("partial", "prepared", "dumped", "resumed", "sealed"):
        suite.case("SIGKILL glcr at checkpoint phase '%s'" % phase, fault_glcr_killed, fs, phase, False)
    for phase in ("prepared", "dumped", "sealed"):
        suite.case("SIGKILL glcr at checkpoint --kill phase '%s'" % phase, fault_glcr_killed, fs, phase, True)
    suite.case("SIGKILL glcr while criu dumps", fault_glcr_killed_during_dump, fs)
    for at in ("pre-dump", "network-lock", "memory", "post-dump"):
        suite.case("SIGKILL criu at dump phase '%s'" % at, fault_criu_killed, fs, at, False)
    suite.case("SIGKILL criu at post-dump of checkpoint --kill", fault_criu_killed, fs, "post-dump", True)
    suite.case("SIGKILL glcr during restore (before GL replay)", fault_glcr_killed_during_restore, fs)
    suite.case("app crashes (SIGSEGV) during a snapshot", fault_app_crash_during_snapshot, fs)
    suite.case("restore while the session runs", fault_restore_while_running, fs)
    suite.case("restore while display number and PIDs are taken", fault_display_and_pids_taken, fs)
    suite.case("GL error during the replay", fault_in_replay, glcr, fs.app, "replay-error",
               "replay-gl-error", "GL_INVALID_ENUM", "glEnable")
    suite.case("driver lacks an extension the app had", fault_in_replay, glcr, fs.app, "lacks-extension",
               "hide-extension:GL_ARB_texture_env_combine", "lacks GL_ARB_texture_env_combine")
    suite.case("disk full while writing a snapshot", fault_disk_full, glcr, fs.app)
    suite.case("all frames of the fault session match", lambda: "frame %d reached, %d lines, %d frames "
               "(all restored copies)" % fs.app.verify(fs.name, "across all faults"))


# ---- bad input ------------------------------------------------------------------------------

def copy_snapshot(glcr, name, sid, new):
    src = glcr.session_file(name, "snapshots/" + sid)
    dst = glcr.session_file(name, "snapshots/" + new)
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, symlinks=True)
    return dst


def image_named(d, prefix):
    return sorted(f for f in os.listdir(d) if f.startswith(prefix) and f.endswith(".img"))[0]


def flip_byte(path, offset):
    with open(path, "r+b") as f:
        f.seek(offset)
        b = f.read(1)
        f.seek(offset)
        f.write(bytes([b[0] ^ 0x40]))


def edit_info(d, old, new):
    path = os.path.join(d, "snapshot.info")
    with open(path) as f:
        text = f.read()
    check(old in text, "snapshot.info has no %r" % old)
    with open(path, "w") as f:
        f.write(text.replace(old, new, 1))


def append_to(d, name, data):
    with open(os.path.join(d, name), "ab") as f:
        f.write(data)


def damage_cases():
    """(what, how to damage a copy of a good snapshot, words the refusal must contain)."""
    def img(d, prefix):
        return os.path.join(d, image_named(d, prefix))

    def truncate(d):
        os.truncate(img(d, "pages-"), os.path.getsize(img(d, "pages-")) // 2)
    return [
        ("truncated page image", truncate, ["truncated"]),
        ("one flipped bit in the memory pages", lambda d: flip_byte(img(d, "pages-"), 4096 + 17),
         ["corrupted", "CRC-32"]),
        ("one flipped bit in a process core image", lambda d: flip_byte(img(d, "core-"), 20), ["corrupted"]),
        ("inventory.img removed", lambda d: os.unlink(img(d, "inventory")), ["inventory.img is missing"]),
        ("snapshot.info removed", lambda d: os.unlink(os.path.join(d, "snapshot.info")), ["not a glcr snapshot"]),
        ("an extra image file", lambda d: shutil.copy(img(d, "inventory"), os.path.join(d, "core-9999.img")),
         ["core-9999.img is not part of the snapshot"]),
        ("taken by another glcr version", lambda d: edit_info(d, "glcr_version=", "glcr_version=0.0.1-"),
         ["taken by glcr 0.0.1-", "restores only with the glcr that took it"]),
        ("another snapshot format", lambda d: edit_info(d, "format=1\n", "format=999\n"), ["snapshot format 999"]),
        ("no format at all (older glcr)", lambda d: edit_info(d, "format=1\n", ""), ["no format line"]),
        ("copied from another session", lambda d: edit_info(d, "session=", "session=other-"),
         ["belongs to session 'other-"]),
        ("snapshot.info of 5 MB", lambda d: append_to(d, "snapshot.info", b"x" * 5000000), ["far too large"]),
        ("binary snapshot.info", lambda d: append_to(d, "snapshot.info", b"\0\1\2\xff"), ["binary data"]),
        ("a path in the file list", lambda d: edit_info(d, "file=", "file=../../../etc/shadow 1 0\nfile="),
         ["bad line"]),
        ("restore.log a symlink to /etc/passwd", lambda d: os.symlink("/etc/passwd", os.path.join(d, "restore.log")),
         ["restore.log is a symbolic link"]),
        ("a FIFO in the directory", lambda d: os.mkfifo(os.path.join(d, "core-1.img.fifo")), ["special"]),
    ]


def bad_snapshots(suite, glcr, name, good):
    passwd = open("/etc/passwd", "rb").read()
    for what, damage, words in damage_cases():
        def one(damage=damage, words=words):
            d = copy_snapshot(glcr, name, good, "9000")
            damage(d)
            try:
                line = one_error_line(glcr.run("restore", "%s@9000" % name, check_rc=False),
                                      "cannot restore '%s' from snapshot 9000" % name, *words)
            finally:
                shutil.rmtree(d, ignore_errors=True)
            check(open("/etc/passwd", "rb").read() == passwd, "/etc/passwd changed")
            return "refused: " + line.split("is unusable: ", 1)[-1][:80]
        suite.case("snapshot with %s" % what, one)

    def foreign_dir():
        d = glcr.session_file(name, "snapshots/9001")
        os.makedirs(d)
        with open(os.path.join(d, "inventory.img"), "wb") as f:
            f.write(os.urandom(200))
        try:
            line = one_error_line(glcr.run("restore", "%s@9001" % name, check_rc=False), "not a glcr snapshot")
            # Without an id: the newest intact one, each newer one named on stderr.
            p = glcr.run("restore", name, check_rc=False)
            check(p.returncode == 0 and "from snapshot %s" % good in p.stdout, "fallback restore: %s%s" % (
                p.stdout, p.stderr))
            check("not restoring '%s' from snapshot 9001: " % name in p.stderr, "no warning: %r" % p.stderr)
            goes_on(glcr, name)
            glcr.run("stop", name)
        finally:
            shutil.rmtree(d, ignore_errors=True)
        return "refused (%s); plain restore skipped it, saying so, and restored %s" % (
            line.split("is unusable: ", 1)[-1], good)
    suite.case("foreign directory among the snapshots", foreign_dir)

    def symlinked_dir():
        link = glcr.session_file(name, "snapshots/9002")
        os.symlink(glcr.session_file(name, "snapshots/" + good), link)
        try:
            line = one_error_line(glcr.run("restore", "%s@9002" % name, check_rc=False), "symbolic link")
            listed = glcr.run("ls", "--json", name).stdout
            check('"9002"' not in listed, "glcr ls lists the symlinked directory")
        finally:
            os.unlink(link)
        return "refused and not listed: " + line.split("is unusable: ", 1)[-1]
    suite.case("snapshot directory that is a symlink", symlinked_dir)

    def hostile_info_values():
        d = copy_snapshot(glcr, name, good, "9003")
        flag = os.path.join(glcr.dir, "pwned")
        # Only the metadata lines: they are outside the checksummed file list.
        edit_info(d, "app=", "app=$(touch %s) `touch %s`; touch %s #" % (flag, flag, flag))
        try:
            glcr.run("ls", name)
            glcr.run("ls", "--json", name)
            p = glcr.run("restore", "%s@9003" % name, check_rc=False)
            check(p.returncode == 0, "restore of a snapshot with odd metadata failed: %s" % p.stderr)
            goes_on(glcr, name)
            glcr.run("stop", name)
        finally:
            shutil.rmtree(d, ignore_errors=True)
        check(not os.path.exists(flag), "a command from snapshot.info was run")
        return "ls and restore ran nothing from snapshot.info"
    suite.case("shell commands in snapshot metadata", hostile_info_values)

    def bad_ids():
        for bad in ("../%s" % good, "/etc", good + "/..", "-1", "x" * 5000, good + "\n", "%s/../%s" % (good, good)):
            one_error_line(glcr.run("restore", "%s@%s" % (name, bad), check_rc=False), "invalid snapshot id")
        one_error_line(glcr.run("restore", "%s@4242" % name, check_rc=False), "no such snapshot '4242'")
        return "7 hostile ids and a missing one refused"
    suite.case("hostile snapshot ids", bad_ids)


HOSTILE_NAMES = ["../x", "/", "x/../../y", "..", ".", ".hidden", "a" * 65, "a" * 5000, "a b", "a\tb", "a\nb",
                 "caf\u00e9", "a;b", "$(touch pwned)", "`id`", "a*", "~root", "x/", "\u202ex"]


def tree(top):
    return sorted(os.path.relpath(os.path.join(d, f), top) for d, dirs, files in os.walk(top) for f in dirs + files)


def hostile_names(glcr, detapp):
    # Sessions two levels down: a name that climbs out of sessions/ lands where it shows.
    outer = os.path.join(glcr.dir, "names")
    base = os.path.join(outer, "inner", "glcr")
    os.makedirs(base, mode=0o700)
    before = tree(outer)
    tried = 0
    for bad in HOSTILE_NAMES:
        for args in (["run", "-d", "--name", bad, "--", detapp], ["checkpoint", bad], ["checkpoint", bad, "--kill"],
                     ["restore", bad], ["restore", bad + "@0001"], ["status", bad], ["ls", bad], ["stop", bad],
                     ["rm", bad], ["rm", bad + "@0001"], ["screenshot", bad, os.path.join(glcr.dir, "x.png")],
                     ["view", bad]):
            p = subprocess.run([glcr.path, "--dir", base] + [str(a) for a in args], capture_output=True, text=True,
                               timeout=60)
            glcr.reap()
            one_error_line(p, "invalid session name")
            tried += 1
    after = tree(outer)
    check(after == before, "files appeared: %s" % sorted(set(after) - set(before)))
    check(not os.path.exists(os.path.join(os.getcwd(), "pwned")), "a name was run as a command")
    return "%d names x 12 commands = %d tries, each one line 'invalid session name', nothing created" % (
        len(HOSTILE_NAMES), tried)


def control_messages(glcr, name):
    sock = glcr.session_file(name, "control.sock")
    results = []
    r = control_request(sock, b"S" * (1 << 20))
    check(r.startswith("ERR request too long"), "1 MiB without newline: %r" % r)
    results.append("1 MiB line")
    r = control_request(sock, b"STATUS" + b"x" * 8192 + b"\n")
    check(r.startswith("ERR request too long"), "8 KiB line: %r" % r)
    r = control_request(sock, b"\0\0\xff\xfegarbage\n")
    check(r.startswith("ERR unknown request"), "binary request: %r" % r)
    r = control_request(sock, b"RESUME restored=1\n")
    check(r.startswith("ERR") and "nothing to resume" in r, "RESUME while running: %r" % r)
    results.append("binary, unknown, RESUME while running")
    # A client that connects and says nothing, and one that trickles: the agent serves the
    # next one within its 5 s limit.
    idle = socket.socket(socket.AF_UNIX)
    idle.connect(sock)
    t0 = time.time()
    st = glcr.status(name)
    check(st["app"] and time.time() - t0 < 8, "status behind an idle connection took %.1f s" % (time.time() - t0))
    idle.close()
    trickle = socket.socket(socket.AF_UNIX)
    trickle.connect(sock)
    t0 = time.time()
    cut = False
    while time.time() - t0 < 12:
        try:
            trickle.send(b"S")
        except OSError:
            cut = True
            break
        time.sleep(0.5)
        try:
            trickle.settimeout(0.01)
            if trickle.recv(1) == b"":
                cut = True
                break
        except socket.timeout:
            pass
        except OSError:
            cut = True
            break
    trickle.close()
    check(cut and time.time() - t0 < 8, "a trickling client was not cut off (%.1f s)" % (time.time() - t0))
    results.append("idle and trickling clients (cut after %.1f s)" % (time.time() - t0))
    # Many connections at once.
    conns = []
    for _ in range(200):
        c = socket.socket(socket.AF_UNIX)
        c.setblocking(False)
        try:
            c.connect(sock)
        except OSError:
            pass
        conns.append(c)
    for c in conns:
        c.close()
    goes_on(glcr, name)
    # A client that PREPAREs (pausing the app) and vanishes: the app resumes by itself.
    r = control_request(sock, b"PREPARE\n")
    check(r.startswith("OK"), "PREPARE: %r" % r)
    f0, f1 = goes_on(glcr, name, timeout=10)
    results.append("200 connections; a PREPARE whose sender vanished (app resumed itself)")
    return "; ".join(results)


def concurrent(glcr, name):
    before = snapshots(glcr, name)
    procs = [subprocess.Popen([glcr.path, "--dir", glcr.dir, "checkpoint", name], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outs = [p.communicate(timeout=180) + (p.returncode,) for p in procs]
    glcr.reap()
    ok = [o for o in outs if o[2] == 0]
    refused = [o for o in outs if o[2] != 0]
    for o in refused:
        check("busy" in o[1], "a concurrent checkpoint failed otherwise: %r" % o[1])
    ids = re.findall(r"snapshot (\d+) of", "".join(o[0] for o in ok))
    check(len(set(ids)) == len(ok) and ok, "concurrent checkpoints reported ids %s" % ids)
    check(snapshots(glcr, name) == sorted(before + ids), "snapshots %s, expected %s + %s" % (
        snapshots(glcr, name), before, ids))
    goes_on(glcr, name)
    # Two restores at once of a stopped session: one wins, the other is refused.
    glcr.run("stop", name)
    procs = [subprocess.Popen([glcr.path, "--dir", glcr.dir, "restore", name], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    routs = [p.communicate(timeout=180) + (p.returncode,) for p in procs]
    glcr.reap()
    won = [o for o in routs if o[2] == 0]
    check(len(won) == 1, "restores at once: %s" % [(o[2], o[1].strip()) for o in routs])
    lost = [o for o in routs if o[2] != 0][0]
    check("busy" in lost[1] or "is running" in lost[1], "the losing restore said %r" % lost[1])
    goes_on(glcr, name)
    return "3 checkpoints at once: %d done one after another (%s), %d refused as busy; 2 restores: 1 won" % (
        len(ok), ",".join(ids), len(refused))


def group_badinput(suite, glcr, detapp, mtapp):
    app = App(glcr, "detapp", detapp_argv(detapp))
    name = "bad"
    app.start(name, 1000000, 20)
    frames.wait_progress(glcr, name, 5)
    glcr.run("checkpoint", name)
    glcr.run("checkpoint", name, "--kill")
    good = snapshots(glcr, name)[-1]
    bad_snapshots(suite, glcr, name, good)
    suite.case("hostile session names", hostile_names, glcr, detapp)
    glcr.run("restore", name)
    suite.case("oversized and malformed control messages", control_messages, glcr, name)
    suite.case("concurrent checkpoints and restores", concurrent, glcr, name)
    suite.case("all frames of the bad-input session match", lambda: "frame %d reached, %d lines, %d frames"
               % app.verify(name, "across bad inputs"))


# ---- security -------------------------------------------------------------------------------

def security_modes(glcr, name):
    files_are_private(glcr, name)
    sock = glcr.session_file(name, "control.sock")
    check(os.stat(sock).st_mode & 0o777 == 0o600, "control socket mode %o" % (os.stat(sock).st_mode & 0o777))
    for d in (glcr.dir, glcr.session_file(name, ""), glcr.session_file(name, "snapshots")):
        check(os.stat(d).st_mode & 0o777 == 0o700, "%s mode %o" % (d, os.stat(d).st_mode & 0o777))
    return "session, snapshot files 0600, directories 0700, control socket 0600"


def other_uid_cannot(glcr, name):
    sock = glcr.session_file(name, "control.sock")
    snap = glcr.session_file(name, "snapshots/" + snapshots(glcr, name)[-1])
    pages = os.path.join(snap, image_named(snap, "pages-"))
    r = as_user(lambda: control_request(sock, b"STATUS\n", timeout=5))
    check(r.startswith("OSError") and "Permission denied" in r, "another uid reached the socket: %r" % r)
    r = as_user(lambda: open(pages, "rb").read(16))
    check(r.startswith("OSError") and "Permission denied" in r, "another uid read an image: %r" % r)
    r = as_user(lambda: os.listdir(glcr.session_file(name, "snapshots")))
    check(r.startswith("OSError"), "another uid listed the snapshots: %r" % r)
    before = snapshots(glcr, name)
    tried = []
    for args in (["checkpoint", name], ["checkpoint", name, "--kill"], ["restore", name], ["status", name],
                 ["ls", name], ["screenshot", name, "/tmp/glcr-other-uid.png"], ["stop", name], ["rm", name]):
        p = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", glcr.path, "--dir",
                            glcr.dir] + args, capture_output=True, text=True, timeout=60)
        check(p.returncode != 0, "glcr %s as nobody succeeded: %s" % (" ".join(args), p.stdout))
        tried.append(args[0])
    check(not os.path.exists("/tmp/glcr-other-uid.png"), "another uid got a screenshot")
    check(snapshots(glcr, name) == before, "snapshots changed")
    goes_on(glcr, name)
    return "socket, images, listing refused; glcr %s as nobody all failed" % "/".join(sorted(set(tried)))


def other_uid_with_open_permissions(glcr, name):
    """Even if the owner opens the directories and socket up, the agent checks the peer's
    uid: nothing another uid sends pauses, resumes or inspects the app."""
    sock = glcr.session_file(name, "control.sock")
    dirs = [glcr.dir, os.path.join(glcr.dir, "sessions"), glcr.session_file(name, "")]
    for d in dirs:
        os.chmod(d, 0o711)
    os.chmod(sock, 0o666)
    try:
        for req in (b"STATUS\n", b"PREPARE\n", b"RESUME restored=0\n", b"RESUME restored=1\n"):
            r = as_user(lambda: control_request(sock, req, timeout=5))
            check(r.startswith("ERR permission denied"), "another uid sent %r and got %r" % (req, r))
        goes_on(glcr, name)
    finally:
        os.chmod(sock, 0o600)
        for d in dirs:
            os.chmod(d, 0o700)
    return "STATUS, PREPARE, RESUME from uid 65534: 'ERR permission denied', app undisturbed"


def group_security(suite, glcr, detapp, mtapp):
    app = App(glcr, "detapp", detapp_argv(detapp))
    name = "sec"
    app.start(name, 1000000, 20)
    frames.wait_progress(glcr, name, 5)
    glcr.run("checkpoint", name)
    suite.case("file and socket modes", security_modes, glcr, name)
    suite.case("another uid, default permissions", other_uid_cannot, glcr, name)
    suite.case("another uid, permissions opened up", other_uid_with_open_permissions, glcr, name)


# ---- load -----------------------------------------------------------------------------------

def load(glcr, mtapp, seconds, threads=3):
    app = App(glcr, "mtapp", mtapp_argv(mtapp, threads))
    name = "load"
    app.start(name, 10000000, 5, extra=("--every", "1s", "--keep", "3"))
    sup = supervisor_pid(glcr, name)
    check(sup and alive(sup), "no supervisor")
    t0 = time.time()
    last_frames, stalls = glcr.frames(name), 0
    while time.time() - t0 < seconds:
        time.sleep(2)
        f = glcr.frames(name)
        stalls = stalls + 1 if f <= last_frames else 0
        check(stalls < 5, "no new frame for 10 s (frames %d): deadlock?" % f)
        last_frames = f
    log = glcr.read(name, "supervisor.log")
    pauses = [float(x) for x in re.findall(r"app paused ([\d.]+) s", log)]
    failures = [l for l in log.splitlines() if "not taken" in l]
    check(not failures, "%d periodic snapshots failed, first: %s" % (len(failures), failures[:1]))
    check(len(pauses) >= seconds / 4, "only %d snapshots in %d s" % (len(pauses), seconds))
    pauses.sort()
    check(pauses[-1] < 5.0, "longest pause %.2f s" % pauses[-1])
    end_supervisors(glcr)
    # The newest periodic snapshot brings the whole state back.
    root = glcr.root_pid(name)
    glcr.run("checkpoint", name, "--kill")
    check(wait_gone(root), "alive after --kill")
    glcr.run("restore", name)
    reached = frames.progress(frames.of_session(glcr, name)[0])
    frames.wait_progress(glcr, name, reached + 20)
    glcr.run("stop", name)
    r, lines, _ = app.verify(name, "under load")
    return ("%d snapshots in %d s while %d threads rendered; pause median %.2f s, max %.2f s; %d frames per "
            "thread, %d lines, all match" % (len(pauses), seconds, threads, pauses[len(pauses) // 2], pauses[-1],
                                            r, lines))


def group_load(suite, glcr, detapp, mtapp, soak=False):
    seconds = int(os.environ.get("GLCR_SOAK_SECONDS", "300")) if soak else 40
    suite.case("%s: snapshots every second for %d s, 3 render threads" % ("soak" if soak else "load", seconds),
               load, glcr, mtapp, seconds)


GROUPS = {"modes": group_modes, "faults": group_faults, "badinput": group_badinput, "security": group_security,
          "load": group_load}


def run(glcr, group, detapp, mtapp, *flags):
    suite = Suite(glcr, group)
    t0 = time.time()
    try:
        if group == "load":
            group_load(suite, glcr, detapp, mtapp, soak="--soak" in flags or os.environ.get("GLCR_SOAK") == "1")
        else:
            GROUPS[group](suite, glcr, detapp, mtapp)
    finally:
        end_supervisors(glcr)
    print("reliability %s took %.0f s" % (group, time.time() - t0))
    suite.finish()


if __name__ == "__main__":
    if len(sys.argv) < 5 or sys.argv[1] not in GROUPS:
        sys.exit(__doc__)
    group = sys.argv.pop(1)
    sys.exit(main(lambda glcr, *args: run(glcr, group, *args)))
