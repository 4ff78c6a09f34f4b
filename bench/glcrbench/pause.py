"""Snapshot pause: how long a leave-running snapshot stops the app, divided by the time CRIU
itself takes to dump the same process tree in that snapshot. Both come from the same
checkpoint: the pause is what the app saw (glcr status: from its last frame before the
checkpoint to its first frame after it, so it includes quiescing, reading GL state back,
dropping the driver, the dump, a fresh driver, the replay and that first frame's own work),
the dump time is CRIU's part (snapshot.info: dump_ms). Also reported: the snapshot's size on
disk divided by the GL data it holds (read-back contents and records)."""
import re
import time

from . import common
from .common import BenchError, log
from . import models

RESUME = re.compile(r"resume ([0-9.]+) ms")


def cases(cfg):
    model_mb = cfg.options.get("pause_model_mb", 10 if cfg.quick else 50)
    data_mb = cfg.options.get("pause_data_mb", 64 if cfg.quick else 256)
    return [
        ("glxgears 300x300", ["glxgears", "-geometry", "300x300"], (300, 300)),
        ("viewer, %d MB OBJ" % model_mb, [cfg.viewer, models.obj(cfg, model_mb), "--size", "800x600"], (800, 600)),
        ("viewer, %d MB of textures + buffers" % data_mb, [cfg.viewer, "--gl-data", str(data_mb), "--size", "640x480"],
         (640, 480)),
    ]


def wait_pause(s, frames_before, timeout=60):
    """The pause glcr measured for the snapshot just taken: known at the first frame after it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app = s.app()
        if int(app.get("frames", -1)) > frames_before and float(app.get("last_pause_ms", 0)) > 0:
            return float(app["last_pause_ms"]) / 1e3, float(app.get("resume_to_frame_ms", 0)) / 1e3
        time.sleep(0.02)
    raise BenchError("no frame after the snapshot within %d s" % timeout)


def run(cfg, results):
    bench = "snapshot pause"
    for name, argv, (w, h) in cases(cfg):
        s = common.Session(cfg, "pause", argv, w, h)
        ratios, sizes, pauses, dumps, first, prepares, resumes = [], [], [], [], [], [], []
        try:
            s.wait_frames(3, timeout=600)
            time.sleep(1.0)
            for rep in range(cfg.reps):
                snap = s.checkpoint(kill=False)
                pause, to_frame = wait_pause(s, int(snap.get("frames", 0)))
                dump = float(snap["dump_ms"]) / 1e3
                gl = float(snap.get("gl_bytes", 0))
                ratios.append(pause / dump)
                pauses.append(pause)
                dumps.append(dump)
                first.append(to_frame)
                prepares.append(float(snap.get("prepare_ms", 0)) / 1e3)
                resume = RESUME.search(snap["summary"])
                resumes.append(float(resume.group(1)) / 1e3 if resume else 0.0)
                if gl > 0:
                    sizes.append(snap["bytes"] / gl)
                log("%s rep %d: pause %.3f s (first frame after resume %.3f s), CRIU dump %.3f s, "
                    "image %.1f MB, GL data %.1f MB (load %s)" % (name, rep + 1, pause, to_frame, dump,
                                                                   snap["bytes"] / 1e6, gl / 1e6, common.loadavg()))
                s.remove_snapshot(snap["id"])
                time.sleep(0.5)
        except BenchError as e:
            log("%s: %s" % (name, e))
            if not ratios:
                results.skip(bench, name, "pause / CRIU dump", str(e), target="≤ 1.5")
                continue
        finally:
            s.close()
        med = lambda v: sorted(v)[len(v) // 2]
        results.add(bench, name, "pause / CRIU dump", ratios, target="≤ 1.5", met=lambda m: m <= 1.5,
                    detail="pause %.3f s: GL read-back and driver teardown %.3f s, dump %.3f s, fresh driver "
                           "and replay %.3f s, first frame after resume %.3f s"
                           % (med(pauses), med(prepares), med(dumps), med(resumes), med(first)))
        results.add(bench, name, "image / GL data", sizes,
                    detail="image and GL data per snapshot (the image also holds the app, Xvfb and libraries)")
