"""Overhead: frames per second of an app under glcr divided by the same app's natively, side by
side. Each round runs every variant of a case once, in an order that rotates from round to
round, and each ratio is taken within one round (so slow drift of a shared machine cancels);
the table reports the median ratio over the rounds and its spread.

Variants: native (the system libGL, on an Xvfb of its own), split (glcr with the split lower
half, the default), inproc (GLCR_DRIVER_HALF=inproc) and apitrace (`apitrace trace` of the
native app, a tracer being the usual alternative way to capture an app's GL).

How frames are counted: glmark2 prints its own FPS per scene (every variant alike). For
glxgears and f3d, native and apitrace runs preload bench/frameprobe.c, which counts
glXSwapBuffers and stamps each frame; under glcr the frames glcr presented are read from
`glcr status --json` at both ends of the same interval."""
import os
import re
import time

from . import common
from .common import BenchError, log
from . import models

VARIANTS = ("native", "split", "inproc", "apitrace")


def cases(cfg):
    quick = cfg.quick
    f3d_mb = cfg.options.get("f3d_mb", 10 if quick else 50)
    gl2 = ("glmark2", "--size", "800x600", "-b")
    all_cases = [
        # (name, kind, argv, (w, h), call-heavy?)
        ("glxgears 300x300", "frames", ["glxgears", "-geometry", "300x300"], (300, 300)),
        ("glxgears 1280x1024", "frames", ["glxgears", "-geometry", "1280x1024"], (1280, 1024)),
        ("glmark2 build (no VBO)", "glmark2", list(gl2) + ["build:use-vbo=false"], (800, 600)),
        ("glmark2 build", "glmark2", list(gl2) + ["build:use-vbo=true"], (800, 600)),
        ("glmark2 texture", "glmark2", list(gl2) + ["texture"], (800, 600)),
        ("glmark2 shading", "glmark2", list(gl2) + ["shading:shading=phong"], (800, 600)),
        ("glmark2 shadow", "glmark2", list(gl2) + ["shadow"], (800, 600)),
        ("glmark2 buffer map", "glmark2", list(gl2) + ["buffer:update-method=map"], (800, 600)),
        ("f3d rotating %d MB OBJ" % f3d_mb, "f3d", f3d_mb, (800, 600)),
    ]
    if quick:
        keep = ("glxgears 300x300", "glmark2 build", "f3d rotating")
        all_cases = [c for c in all_cases if c[0].startswith(keep)]
    return all_cases


def timing(cfg):
    if cfg.options.get("smoke"):
        return {"warmup": 0.5, "window": 2.0, "glmark2_s": 2}
    if cfg.quick:
        return {"warmup": 1.0, "window": 3.0, "glmark2_s": 3}
    return {"warmup": 2.0, "window": 8.0, "glmark2_s": 8}


def f3d_argv(cfg, mb, w, h):
    model = models.obj(cfg, mb)
    return ["f3d", "--resolution", "%d,%d" % (w, h), "--interaction-test-play",
            models.rotation_log(cfg), model]


def measure_frames_native(cfg, argv, size, tm, tracer=None):
    probe = common.FrameProbe(cfg, "overhead")
    trace = None
    if tracer:
        trace = os.path.join(cfg.work, "overhead-%d.trace" % time.monotonic_ns())
        argv = ["apitrace", "trace", "-o", trace] + argv
    p, _ = common.start_native(cfg, argv, size[0], size[1], probe=probe,
                                  log_path=os.path.join(cfg.work, "native.log"))
    try:
        common.wait_for(lambda: probe.read()["frames"] > 0 or p.poll() is not None, 180,
                        "%s presented no frame" % argv[0])
        if p.poll() is not None:
            raise BenchError("%s exited (status %d) before its first frame" % (argv[0], p.returncode))
        time.sleep(tm["warmup"])
        a = probe.read()
        time.sleep(tm["window"])
        b = probe.read()
        if p.poll() is not None:
            raise BenchError("%s exited during the measurement" % argv[0])
        frames = b["frames"] - a["frames"]
        span = (b["last_frame_ns"] - a["last_frame_ns"]) / 1e9
        if frames < 2 or span <= 0:
            raise BenchError("%s presented %d frames in %.1f s: too few to measure" % (argv[0], frames, tm["window"]))
        return frames / span
    finally:
        common.end(p)
        probe.remove()
        if trace and os.path.exists(trace):
            os.unlink(trace)


def measure_frames_glcr(cfg, argv, size, tm, driver):
    s = common.Session(cfg, "overhead", argv, size[0], size[1], driver=driver)
    try:
        s.wait_frames(1, timeout=180)
        time.sleep(tm["warmup"])
        f0, t0 = s.frames(), time.monotonic()
        time.sleep(tm["window"])
        f1, t1 = s.frames(), time.monotonic()
        if f0 < 0 or f1 - f0 < 2:
            raise BenchError("under glcr (%s) %s presented %d frames in %.1f s: too few to measure"
                             % (driver, argv[0], f1 - f0, t1 - t0))
        return (f1 - f0) / (t1 - t0)
    finally:
        s.close()


GLMARK2_FPS = re.compile(r"FPS: (\d+)")


def glmark2_fps(text, what):
    m = GLMARK2_FPS.search(text)
    if not m:
        tail = [l for l in text.splitlines() if l.strip()][-1:]
        raise BenchError("%s printed no FPS: %s" % (what, tail))
    return float(m.group(1))


def measure_glmark2(cfg, argv, size, tm, variant):
    argv = list(argv)
    argv[-1] = argv[-1] + ":duration=%d" % tm["glmark2_s"]
    limit = tm["glmark2_s"] + 120
    if variant in ("native", "apitrace"):
        out_path = os.path.join(cfg.work, "glmark2-%d.out" % time.monotonic_ns())
        trace = os.path.join(cfg.work, "glmark2-%d.trace" % time.monotonic_ns())
        if variant == "apitrace":
            argv = ["apitrace", "trace", "-o", trace] + argv
        p, _ = common.start_native(cfg, argv, size[0], size[1], log_path=out_path)
        try:
            try:
                p.wait(timeout=limit)
            except Exception:
                raise BenchError("glmark2 (%s) did not finish within %d s" % (variant, limit))
            with open(out_path, errors="replace") as f:
                return glmark2_fps(f.read(), "glmark2 (%s)" % variant)
        finally:
            common.end(p)
            for f in (out_path, trace):
                if os.path.exists(f):
                    os.unlink(f)
    s = common.Session(cfg, "glmark2", argv, size[0], size[1], driver=variant, foreground=True)
    try:
        try:
            out, _ = s.proc.communicate(timeout=limit)
        except Exception:
            raise BenchError("glmark2 under glcr (%s) did not finish within %d s" % (variant, limit))
        return glmark2_fps(out.decode(errors="replace"), "glmark2 under glcr (%s)" % variant)
    finally:
        s.close()


def measure(cfg, case, variant, tm):
    name, kind, spec, size = case
    if kind == "glmark2":
        return measure_glmark2(cfg, spec, size, tm, variant)
    argv = f3d_argv(cfg, spec, size[0], size[1]) if kind == "f3d" else spec
    if variant == "native":
        return measure_frames_native(cfg, argv, size, tm)
    if variant == "apitrace":
        return measure_frames_native(cfg, argv, size, tm, tracer=True)
    return measure_frames_glcr(cfg, argv, size, tm, variant)


def run(cfg, results, smoke=False):
    bench = "overhead"
    tm = timing(cfg)
    if smoke:
        all_cases = [("glxgears 300x300", "frames", ["glxgears", "-geometry", "300x300"], (300, 300))]
        variants = ("native", "split")
        rounds = 1
    else:
        all_cases = cases(cfg)
        variants = VARIANTS
        rounds = cfg.reps
    for case in all_cases:
        fps = {v: [] for v in variants}
        ratios = {v: [] for v in variants if v != "native"}
        errors = {}
        for r in range(rounds):
            order = list(variants[r % len(variants):]) + list(variants[:r % len(variants)])
            got = {}
            for v in order:
                if v in errors:
                    continue
                try:
                    got[v] = measure(cfg, case, v, tm)
                    fps[v].append(got[v])
                except BenchError as e:
                    errors[v] = str(e)
                    log("%s, %s: %s" % (case[0], v, e))
            log("%s round %d/%d: %s (load %s)" % (case[0], r + 1, rounds,
                                                  ", ".join("%s %.1f FPS" % (v, got[v]) for v in variants if v in got),
                                                  common.loadavg()))
            for v in ratios:
                if v in got and "native" in got:
                    ratios[v].append(got[v] / got["native"])
        med = {v: (sorted(fps[v])[len(fps[v]) // 2] if fps[v] else None) for v in variants}
        detail = "median FPS " + ", ".join("%s %s" % (v, "%.1f" % med[v] if med[v] else "-") for v in variants)
        for v in ratios:
            label = {"split": "FPS glcr split / native", "inproc": "FPS glcr inproc / native",
                     "apitrace": "FPS apitrace / native"}[v]
            if not ratios[v]:
                results.skip(bench, case[0], label, errors.get(v) or errors.get("native") or "not measured")
                continue
            target = "≥ 0.98" if v == "split" else None
            met = (lambda m: m >= 0.98) if v == "split" else None
            results.add(bench, case[0], label, ratios[v], target=target, met=met, detail=detail)
