#!/usr/bin/env python3
"""glcr ls with snapshots (thumbnails that match the display at checkpoint time, sizes,
JSON), glcr rm, private file modes, and periodic snapshots pruned by --keep."""
import os
import stat
import sys
import time

from glcrtest import check, read_png_rgb, alive, wait_gone
from test_cli_common import (cli_main, files_are_private, info, ls_json, scale_like_glcr, snapshot_ids,
                             supervisor_pid, wait_for)


def set_scene(glcr, name, scene_file, scene):
    with open(scene_file, "w") as f:
        f.write("%d\n" % scene)
    # crashapp reads the scene file every frame: a few frames later the display shows it.
    glcr.wait_frames(name, glcr.frames(name) + 5)


def thumbnails_match_the_display(glcr, crashapp):
    scene_file = os.path.join(glcr.dir, "scene")
    glcr.start("pic", crashapp, "--scene-file", scene_file, "--delay-ms", 5, size="320x240")
    glcr.wait_frames("pic", 5)
    shots = {}
    for scene, sid in ((1, "0001"), (2, "0002")):
        set_scene(glcr, "pic", scene_file, scene)
        shot = os.path.join(glcr.dir, "shot%d.png" % scene)
        glcr.run("screenshot", "pic", shot)
        check(stat.S_IMODE(os.stat(shot).st_mode) == 0o600, "screenshot %s is not private" % shot)
        out = glcr.run("checkpoint", "pic").stdout
        check("snapshot %s" % sid in out, "checkpoint output: %s" % out)
        shots[sid] = shot

    sessions = ls_json(glcr)
    check([s["name"] for s in sessions] == ["pic"], "ls --json sessions: %s" % sessions)
    s = sessions[0]
    check(s["state"] == "running" and s["pid"] > 0 and "crashapp" in s["app"], "ls --json session: %s" % s)
    snaps = s["snapshots"]
    check([x["id"] for x in snaps] == ["0001", "0002"], "ls --json snapshots: %s" % snaps)
    thumbs = {}
    for snap in snaps:
        check(snap["bytes"] > 1000000, "snapshot %s size %d" % (snap["id"], snap["bytes"]))
        check(snap["gl_bytes"] > 0, "snapshot %s has no GL data size" % snap["id"])
        check(0 <= snap["age_s"] < 60 and abs(snap["created"] - time.time()) < 60, "snapshot time %s" % snap)
        check(snap["frames"] > 0 and snap["mode"] == "leave-running", "snapshot %s" % snap)
        thumb = snap["thumbnail"]
        check(thumb and os.path.exists(thumb), "snapshot %s has no thumbnail" % snap["id"])
        check(stat.S_IMODE(os.stat(thumb).st_mode) == 0o600, "thumbnail %s is not private" % thumb)
        tw, th, trgb = read_png_rgb(thumb)
        check((tw, th) == (256, 192), "thumbnail is %dx%d, expected 256x192" % (tw, th))
        w, h, rgb = read_png_rgb(shots[snap["id"]])
        # The scene is a still picture: the screenshot taken right before the checkpoint shows
        # exactly what the display showed at checkpoint time, so with the same scaling rule the
        # thumbnail must be identical, pixel for pixel.
        expected = scale_like_glcr(w, h, rgb, tw, th)
        diff = sum(1 for a, b in zip(expected, trgb) if a != b)
        check(diff == 0, "thumbnail of %s differs from the display in %d channel values" % (snap["id"], diff))
        thumbs[snap["id"]] = trgb
    check(thumbs["0001"] != thumbs["0002"], "the two scenes gave identical thumbnails")

    text = glcr.run("ls").stdout
    for word in ("NAME", "pic", "running", "ID", "TAKEN", "AGE", "SIZE", "GL DATA", "0001", "0002",
                 "thumbnail.png", "MB"):
        check(word in text, "glcr ls does not show %r:\n%s" % (word, text))
    return snaps


def rm_snapshots_and_sessions(glcr):
    p = glcr.run("rm", "pic", check_rc=False)
    check(p.returncode == 1 and "is running" in p.stderr and "glcr stop pic" in p.stderr,
          "rm of a running session: %d %r" % (p.returncode, p.stderr))
    check(os.path.isdir(glcr.session_file("pic", "snapshots")), "rm of a running session removed it")
    p = glcr.run("rm", "pic@0042", check_rc=False)
    check(p.returncode == 1 and "no snapshot '0042'" in p.stderr, "rm of a missing snapshot: %r" % p.stderr)
    p = glcr.run("rm", "pic@../..", check_rc=False)
    check(p.returncode == 1 and "invalid snapshot id" in p.stderr, "rm pic@../..: %r" % p.stderr)
    out = glcr.run("rm", "pic@0001").stdout
    check("removed snapshot 0001" in out, "rm pic@0001: %s" % out)
    check(snapshot_ids(glcr, "pic") == ["0002"], "after rm: %s" % snapshot_ids(glcr, "pic"))
    root = glcr.root_pid("pic")
    glcr.run("stop", "pic")
    check(wait_gone(root), "stop left the session running")
    out = glcr.run("rm", "pic").stdout
    check("removed session 'pic' (1 snapshot" in out, "rm pic: %s" % out)
    check(not os.path.exists(glcr.session_file("pic", "")), "session directory still there")
    check(ls_json(glcr) == [], "ls after rm: %s" % ls_json(glcr))
    p = glcr.run("rm", "pic", check_rc=False)
    check(p.returncode == 1 and "no session named 'pic'" in p.stderr, "rm of a removed session: %r" % p.stderr)
    glcr.started.remove("pic")


def periodic_snapshots_are_pruned(glcr, crashapp):
    glcr.run("run", "-d", "--name", "tick", "--size", "320x240", "--every", "1s", "--keep", "2", "--",
             crashapp, "--delay-ms", 5)
    glcr.started.append("tick")
    sup = supervisor_pid(glcr, "tick")
    check(sup and alive(sup), "no supervisor for --every (info: %s)" % info(glcr, "tick"))
    # Snapshots 0001..0004 taken, and only the newest two kept.
    ids = wait_for("4 periodic snapshots, 2 kept",
                   lambda: (lambda ids: ids if ids and ids[-1] >= "0004" and len(ids) == 2 else None)(
                       snapshot_ids(glcr, "tick")), timeout=20)
    check(int(ids[1]) == int(ids[0]) + 1, "kept snapshots are not the newest two: %s" % ids)
    log = glcr.read("tick", "supervisor.log")
    check("removed 1 old snapshot (--keep 2)" in log, "supervisor log says nothing about pruning:\n%s" % log)
    s = ls_json(glcr, "tick")[0]
    check(s["every_s"] == 1 and s["keep"] == 2 and s["supervisor_pid"] == sup, "ls --json: %s" % s)
    files_are_private(glcr, "tick")
    root = glcr.root_pid("tick")
    glcr.run("stop", "tick")
    check(wait_gone(sup) and wait_gone(root), "glcr stop left the supervisor or the session running")


def test(glcr, crashapp):
    thumbnails_match_the_display(glcr, crashapp)
    files_are_private(glcr, "pic")
    rm_snapshots_and_sessions(glcr)
    periodic_snapshots_are_pruned(glcr, crashapp)
    for bad in (["--every", "10x"], ["--every", "0"], ["--keep", "3"], ["--every", "1s", "--keep", "-1"]):
        p = glcr.run("run", "-d", "--name", "bad", *bad, "--", crashapp, check_rc=False)
        check(p.returncode == 1 and p.stderr.startswith("glcr: --"), "run %s: %r" % (bad, p.stderr))


if __name__ == "__main__":
    sys.exit(cli_main(test))
