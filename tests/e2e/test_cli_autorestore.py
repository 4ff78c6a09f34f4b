#!/usr/bin/env python3
"""glcr run --auto-restore: a crashed app (a real SIGSEGV) comes back from its newest
snapshot and keeps rendering; a crash loop stops with a message; a clean exit ends the
session and its supervisor; no process is left behind."""
import os
import re
import signal
import subprocess
import sys
import time

from glcrtest import TestFailure, check, alive, wait_gone
from test_cli_common import cli_main, ls_json, snapshot_ids, supervisor_pid, wait_for


def crash_comes_back(glcr, crashapp):
    crash_file = os.path.join(glcr.dir, "crash-now")
    glcr.run("run", "-d", "--name", "crashy", "--size", "320x240", "--auto-restore", "--every", "2s",
             "--", crashapp, "--crash-file", crash_file, "--delay-ms", 5)
    glcr.started.append("crashy")
    sup = supervisor_pid(glcr, "crashy")
    check(sup and alive(sup), "no supervisor")
    first_root = glcr.root_pid("crashy")
    wait_for("a first periodic snapshot", lambda: snapshot_ids(glcr, "crashy"), timeout=15)
    # Crash right after a new snapshot appears: the periodic timer is then ~2 s away, so the
    # newest snapshot at crash time is known.
    before = snapshot_ids(glcr, "crashy")
    newest = wait_for("a second periodic snapshot",
                      lambda: (lambda ids: ids[-1] if ids and ids[-1] > before[-1] else None)(
                          snapshot_ids(glcr, "crashy")), timeout=15, step=0.01)
    snap = [x for x in ls_json(glcr, "crashy")[0]["snapshots"] if x["id"] == newest][0]
    open(crash_file, "w").close()
    check(wait_gone(first_root), "the app did not crash (session init %d still alive)" % first_root)
    try:
        line = wait_for("the supervisor's restore message",
                        lambda: re.search(r"restored from snapshot (\d+) after crash \(signal (\d+)\)",
                                          glcr.read("crashy", "supervisor.log")), timeout=15)
    except TestFailure as e:
        raise TestFailure("%s; supervisor.log:\n%s" % (e, glcr.read("crashy", "supervisor.log")))
    check(line.group(1) == newest, "restored from %s, the newest snapshot was %s" % (line.group(1), newest))
    check(line.group(2) == "11", "crash signal reported as %s, expected 11 (SIGSEGV)" % line.group(2))
    check("crashapp: crashing now" in glcr.read("crashy", "app.err"), "the app did not crash by itself")
    # Restored from the snapshot, not restarted: the frame count goes on from the snapshot's.
    root = glcr.root_pid("crashy")
    check(root != first_root and alive(root), "no restored session (root %d)" % root)
    f1 = glcr.frames("crashy")
    check(f1 >= snap["frames"], "frames after restore %d < %d in snapshot %s" % (f1, snap["frames"], newest))
    glcr.wait_frames("crashy", f1 + 20)
    st = ls_json(glcr, "crashy")[0]
    check(st["state"] == "running" and st["supervisor_pid"] == sup, "after the restore: %s" % st)
    # Still supervised: periodic snapshots go on after the restore.
    ids = snapshot_ids(glcr, "crashy")
    wait_for("a periodic snapshot after the restore",
             lambda: snapshot_ids(glcr, "crashy")[-1] > ids[-1], timeout=15)
    # checkpoint --kill ends the supervisor with the session; restore brings both back.
    glcr.run("checkpoint", "crashy", "--kill")
    check(wait_gone(sup, 5) and wait_gone(root), "checkpoint --kill left the supervisor or the session")
    check("supervisor ends" in glcr.read("crashy", "supervisor.log"), "supervisor did not log its end")
    glcr.run("restore", "crashy")
    sup, root = supervisor_pid(glcr, "crashy"), glcr.root_pid("crashy")
    check(alive(sup) and alive(root), "restore did not bring back the session and its supervisor")
    glcr.run("stop", "crashy")
    check(wait_gone(sup) and wait_gone(root), "glcr stop left the supervisor or the session running")


def crash_loop_stops(glcr, crashapp):
    # --crash-after counts frames in process memory: a restored app crashes again.
    glcr.run("run", "-d", "--name", "loop", "--size", "320x240", "--auto-restore", "--",
             crashapp, "--crash-after", 200, "--delay-ms", 5)
    glcr.started.append("loop")
    sup = supervisor_pid(glcr, "loop")
    glcr.wait_frames("loop", 3)
    glcr.run("checkpoint", "loop")
    check(wait_gone(sup, 30), "the supervisor did not give up on a crash loop")
    log = glcr.read("loop", "supervisor.log")
    restores = re.findall(r"restored from snapshot 0001 after crash \(signal 11\)", log)
    check(len(restores) == 2, "expected 2 restores before giving up, log:\n%s" % log)
    check("crash loop" in log and "not restoring again" in log and "glcr restore loop@ID" in log,
          "no crash loop message:\n%s" % log)
    st = glcr.status("loop")
    check(st["state"] == "crash-loop", "state after the crash loop: %s" % st)
    check(not alive(glcr.root_pid("loop")), "the session still runs")
    check(snapshot_ids(glcr, "loop") == ["0001"], "snapshots changed: %s" % snapshot_ids(glcr, "loop"))


def foreground_follows_the_restored_app(glcr, crashapp):
    """glcr run without -d: after a crash and an auto-restore it shows the restored app's
    output and the supervisor's news, and Ctrl-C ends app and supervisor."""
    crash_file = os.path.join(glcr.dir, "crash-fg")
    p = subprocess.Popen([glcr.path, "--dir", glcr.dir, "run", "--name", "fg", "--size", "320x240",
                          "--auto-restore", "--every", "1s", "--", crashapp, "--crash-file", crash_file,
                          "--delay-ms", "5"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for("a periodic snapshot", lambda: os.path.isdir(glcr.session_file("fg", "snapshots")) and
                 snapshot_ids(glcr, "fg"), timeout=15)
        first_root = glcr.root_pid("fg")
        open(crash_file, "w").close()
        try:
            wait_for("the restore", lambda: glcr.root_pid("fg") not in (0, first_root) and
                     alive(glcr.root_pid("fg")), timeout=15)
        except TestFailure as e:
            raise TestFailure("%s; supervisor.log:\n%s" % (e, glcr.read("fg", "supervisor.log")))
        glcr.wait_frames("fg", glcr.frames("fg") + 10)
        sup = supervisor_pid(glcr, "fg")
        root = glcr.root_pid("fg")
        check(p.poll() is None, "glcr run ended with the crashed app (rc %s)" % p.poll())
    finally:
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=60)
        glcr.reap()
        if os.path.exists(glcr.session_file("fg", "info")):
            glcr.started.append("fg")
    check(p.returncode == 128 + signal.SIGTERM, "glcr run exited %d after Ctrl-C: %r" % (p.returncode, err))
    check("crashapp: crashing now" in err and "after crash (signal 11)" in err,
          "the foreground run did not show the crash and the restore: %r" % err)
    check(wait_gone(sup) and wait_gone(root), "Ctrl-C left the supervisor or the restored app running")


def clean_exit_ends(glcr):
    glcr.run("run", "-d", "--name", "clean", "--auto-restore", "--", "sh", "-c", "sleep 1; exit 0")
    glcr.started.append("clean")
    sup = supervisor_pid(glcr, "clean")
    check(wait_gone(sup, 15), "the supervisor outlived an app that exited cleanly")
    log = glcr.read("clean", "supervisor.log")
    check("app exited with status 0; session ended" in log, "supervisor log:\n%s" % log)
    check(glcr.status("clean")["state"] != "running", "session still running")


def test(glcr, crashapp):
    t0 = time.time()
    crash_comes_back(glcr, crashapp)
    crash_loop_stops(glcr, crashapp)
    foreground_follows_the_restored_app(glcr, crashapp)
    clean_exit_ends(glcr)
    print("auto-restore tests took %.1f s" % (time.time() - t0))


if __name__ == "__main__":
    sys.exit(cli_main(test))
