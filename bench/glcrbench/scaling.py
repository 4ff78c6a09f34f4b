"""Scaling: restore time and image size as the GL data grows (bench/viewer --gl-data MB: half
2D textures, half buffers, incompressible contents). For each size, side by side in one
repetition: the driver's own upload bandwidth (the viewer, native, timing its uploads with
glFinish) and a glcr checkpoint --kill + restore of the same app. Reported per size: the
restore time, image size / GL data, and glcr's replay bandwidth (GL data / replay time, from
the app's log) divided by the driver's upload bandwidth. Then how linear the restore time is
in the GL data: a least-squares line through all sizes, its slope, and R^2."""
import os
import re
import time

from . import common
from .common import BenchError, log


def sizes(cfg):
    if "scale_mb" in cfg.options:
        return cfg.options["scale_mb"]
    return [64, 128, 256] if cfg.quick else [64, 256, 512, 1024, 2048]


UPLOAD = re.compile(r"^upload ([0-9.]+) MB ([0-9.]+) s", re.M)
RESUMED = re.compile(r"resumed from a snapshot: driver boot ([0-9.]+) ms, replay ([0-9.]+) ms")


def native_upload(cfg, mb):
    out_path = os.path.join(cfg.work, "upload-%d.out" % time.monotonic_ns())
    p, _ = common.start_native(cfg, [cfg.viewer, "--gl-data", str(mb), "--size", "320x240"], 320, 240,
                                  log_path=out_path)
    try:
        def uploaded():
            with open(out_path, errors="replace") as f:
                return UPLOAD.search(f.read())
        m = common.wait_for(lambda: uploaded() or p.poll() is not None, 600, "viewer reported no upload")
        if p.poll() is not None and not uploaded():
            raise BenchError("viewer --gl-data %d exited (status %d)" % (mb, p.returncode))
        m = uploaded()
        return float(m.group(1)) / float(m.group(2))  # MB/s
    finally:
        common.end(p)
        os.unlink(out_path)


def glcr_restore(cfg, mb):
    s = common.Session(cfg, "scaling", [cfg.viewer, "--gl-data", str(mb), "--size", "320x240"], 320, 240,
                       extra_env={"GLCR_LOG": "info"})
    try:
        s.wait_frames(2, timeout=600)
        snap = s.checkpoint(kill=True)
        wall, info = s.restore()
        with open(os.path.join(s.dir, "app.err"), errors="replace") as f:
            resumed = RESUMED.findall(f.read())
        if not resumed:
            raise BenchError("the app logged no 'resumed from a snapshot' line (GLCR_LOG=info)")
        boot_ms, replay_ms = map(float, resumed[-1])
        return {"wall": wall, "image": snap["bytes"], "gl": float(snap.get("gl_bytes", 0)),
                "dump_ms": float(snap.get("dump_ms", 0)), "criu_ms": info["criu_ms"], "boot_ms": boot_ms,
                "replay_ms": replay_ms}
    finally:
        s.close()


def linear_fit(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return 0.0, my, 1.0
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    icpt = my - slope * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - (icpt + slope * x)) ** 2 for x, y in zip(xs, ys))
    return slope, icpt, 1.0 - ss_res / ss_tot if ss_tot > 0 else 1.0


def run(cfg, results):
    bench = "scaling"
    points = []  # (GL MB, median restore s)
    for mb in sizes(cfg):
        walls, ratios, bw_ratios, got = [], [], [], []
        try:
            for rep in range(cfg.reps):
                native_bw = native_upload(cfg, mb)
                r = glcr_restore(cfg, mb)
                replay_bw = (r["gl"] / 1e6) / (r["replay_ms"] / 1e3) if r["replay_ms"] > 0 else None
                walls.append(r["wall"])
                if r["gl"] > 0:
                    ratios.append(r["image"] / r["gl"])
                if replay_bw:
                    bw_ratios.append(replay_bw / native_bw)
                got.append((r, native_bw, replay_bw))
                log("scaling %d MB rep %d: restore %.2f s (CRIU %.0f ms, driver boot %.0f ms, replay %.0f ms), "
                    "image %.0f MB, GL data %.0f MB, replay %.0f MB/s vs driver upload %.0f MB/s (load %s)"
                    % (mb, rep + 1, r["wall"], r["criu_ms"], r["boot_ms"], r["replay_ms"], r["image"] / 1e6,
                       r["gl"] / 1e6, replay_bw or 0, native_bw, common.loadavg()))
        except BenchError as e:
            log("scaling %d MB: %s" % (mb, e))
            if not walls:
                results.skip(bench, "%d MB GL data" % mb, "restore time", str(e))
                continue
        med = sorted(walls)[len(walls) // 2]
        r, nbw, rbw = sorted(got, key=lambda g: g[0]["wall"])[len(got) // 2]
        points.append((r["gl"] / 1e6, med))
        case = "%d MB GL data" % mb
        results.add(bench, case, "restore time", walls, unit="s",
                    detail="CRIU %.0f ms, driver boot %.0f ms, replay %.0f ms; image %.0f MB"
                           % (r["criu_ms"], r["boot_ms"], r["replay_ms"], r["image"] / 1e6))
        results.add(bench, case, "image / GL data", ratios,
                    detail="image %.0f MB for %.0f MB of GL data" % (r["image"] / 1e6, r["gl"] / 1e6))
        results.add(bench, case, "replay / driver upload bandwidth", bw_ratios, target="≈ 1",
                    met=lambda m: m >= 0.8,
                    detail="replay %.0f MB/s, driver upload (native) %.0f MB/s" % (rbw or 0, nbw))
    if len(points) >= 3:
        slope, icpt, r2 = linear_fit([p[0] for p in points], [p[1] for p in points])
        results.add(bench, "restore time vs GL data", "linear fit R²", [r2], unit="", target="≥ 0.98",
                    met=lambda m: m >= 0.98,
                    detail="%.2f s per GB + %.2f s (sizes %s MB)"
                           % (slope * 1000, icpt, ", ".join("%.0f" % p[0] for p in points)))
