"""Restore vs cold start: how long `glcr restore` takes to bring an app back to its first
presented frame, divided by how long the same app takes from launch to its first frame that
shows the model it loads. Side by side: each repetition measures one cold start and one
restore of the same app and model, and the ratio is taken within the repetition.

Cold start: the app is launched natively on an Xvfb of its own with bench/frameprobe.c
preloaded (FRAMEPROBE_CONTENT=1); the figure is the time from the launch to the first
glXSwapBuffers whose frame shows content (its middle row and column are not all background).
The model file is in the page cache, as it is for the restore's image: neither figure
includes reading a cold disk.

Restore: the app runs under glcr until it has presented frames, `glcr checkpoint --kill`
snapshots it and ends it, and the figure is the wall time of `glcr restore` (CRIU restores
the processes, the GL driver is booted and the state replayed, and glcr restore waits until
the app has presented a new frame). The app must keep rendering: the viewer does, and f3d
plays a long mouse-drag log (bench/glcrbench/models.py).

Apps: bench/viewer (a small OBJ viewer) and f3d (a VTK viewer: framebuffer objects, vertex
array objects, queries), each with OBJ models of several sizes."""
import time

from . import common
from .common import BenchError, log
from . import models


def sizes(cfg):
    if "restore_mb" in cfg.options:
        return cfg.options["restore_mb"]
    return [10] if cfg.quick else [10, 50, 121]


def app_argv(cfg, app, model, w, h):
    if app == "viewer":
        return [cfg.viewer, model, "--size", "%dx%d" % (w, h)]
    return ["f3d", "--resolution", "%d,%d" % (w, h), "--interaction-test-play", models.rotation_log(cfg), model]


def cold_start(cfg, argv, w, h):
    probe = common.FrameProbe(cfg, "cold")
    p, t_launch = common.start_native(cfg, argv, w, h, probe=probe, content=True)
    try:
        common.wait_for(lambda: probe.read()["first_content_ns"] or p.poll() is not None, 600,
                        "%s showed no model" % argv[0], poll=0.002)
        if p.poll() is not None:
            raise BenchError("%s exited (status %d) before showing the model" % (argv[0], p.returncode))
        return probe.read()["first_content_ns"] / 1e9 - t_launch
    finally:
        common.end(p)
        probe.remove()


def restore_once(cfg, argv, w, h, extra_env=None):
    s = common.Session(cfg, "restore", argv, w, h, extra_env=extra_env)
    try:
        app = s.wait_frames(3, timeout=600)
        if app.get("restorable") is False:
            raise BenchError("refused: glcr cannot restore %s yet (%s)"
                             % (argv[0].split("/")[-1], app.get("not_restorable_because", "?")))
        snap = s.checkpoint(kill=True)
        wall, info = s.restore()
        info.update(image_bytes=snap["bytes"], gl_bytes=float(snap.get("gl_bytes", 0)),
                    dump_ms=float(snap.get("dump_ms", 0)))
        return wall, info
    finally:
        s.close()


def run(cfg, results):
    bench = "restore"
    w, h = 800, 600
    apps = cfg.options.get("restore_apps", ["viewer", "f3d"])
    for app in apps:
        for mb in sizes(cfg):
            model = models.obj(cfg, mb)
            argv = app_argv(cfg, app, model, w, h)
            case = "%s, %d MB OBJ" % (app, mb)
            colds, restores, ratios, details, refused = [], [], [], [], None
            for rep in range(cfg.reps):
                try:
                    cold = cold_start(cfg, argv, w, h)
                    colds.append(cold)
                except BenchError as e:
                    log("%s cold start: %s" % (case, e))
                    break
                if refused:
                    continue
                try:
                    wall, info = restore_once(cfg, argv, w, h)
                except BenchError as e:
                    refused = str(e)
                    log("%s restore: %s" % (case, e))
                    continue
                restores.append(wall)
                ratios.append(wall / cold)
                details.append(info)
                log("%s rep %d: cold start %.2f s, restore %.2f s (criu %.0f ms, GL %.0f ms), image %.0f MB "
                    "(load %s)" % (case, rep + 1, cold, wall, info["criu_ms"], info["gl_ms"],
                                   info["image_bytes"] / 1e6, common.loadavg()))
            cold_med = sorted(colds)[len(colds) // 2] if colds else None
            if ratios:
                mid = sorted(details, key=lambda d: d["criu_ms"])[len(details) // 2]
                detail = ("cold start %.2f s, restore %.3f s (CRIU %.0f ms, GL driver + replay %.0f ms; "
                          "image %.0f MB, GL data %.0f MB)" % (cold_med, sorted(restores)[len(restores) // 2],
                                                               mid["criu_ms"], mid["gl_ms"], mid["image_bytes"] / 1e6,
                                                               mid["gl_bytes"] / 1e6))
                results.add(bench, case, "restore / cold start", ratios, target="≤ 0.05" if mb >= 121 else None,
                            met=(lambda m: m <= 0.05) if mb >= 121 else None, detail=detail)
            else:
                why = refused or "cold start not measured"
                if cold_med is not None:
                    why = "cold start %.2f s; restore %s" % (cold_med, why)
                results.skip(bench, case, "restore / cold start", why,
                             target="≤ 0.05" if mb >= 121 else None)
