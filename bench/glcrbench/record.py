"""Record growth: the bytes glcr keeps between snapshots to replay what cannot be read back
(display-list records, shader sources, name tables: glcr status record_bytes), after N frames
of an app, divided by the same after N/10 frames of the same run. A record that follows live
state and not history stays flat: the ratio is 1.0. Apps: glxgears (display lists) and a
glmark2 loop (--run-forever over several scenes, a new context, shaders and buffers for each
scene)."""
import time

from . import common
from .common import BenchError, log


def frames(cfg):
    if "record_frames" in cfg.options:
        return cfg.options["record_frames"]
    return 3000 if cfg.quick else 100000


def cases():
    return [
        ("glxgears", ["glxgears", "-geometry", "300x300"], (300, 300)),
        ("glmark2 loop", ["glmark2", "--size", "320x240", "--run-forever",
                          "-b", "build:use-vbo=true:duration=2", "-b", "texture:duration=2",
                          "-b", "shading:shading=phong:duration=2", "-b", "buffer:update-method=map:duration=2",
                          "-b", "shadow:duration=2"], (320, 240)),
    ]


def run(cfg, results):
    bench = "record growth"
    n = frames(cfg)
    for name, argv, (w, h) in cases():
        s = common.Session(cfg, "record", argv, w, h)
        try:
            s.wait_frames(1, timeout=300)
            t0 = time.monotonic()
            early = s.wait_frames(max(1, n // 10), timeout=36000)
            late = s.wait_frames(n, timeout=36000)
            rate = int(late["frames"]) / (time.monotonic() - t0)
            b0, b1 = int(early.get("record_bytes", -1)), int(late.get("record_bytes", -1))
            if b0 <= 0 or b1 < 0:
                raise BenchError("glcr status reports no record_bytes")
            log("%s: record %d bytes after %s frames, %d bytes after %s frames (%.0f FPS)"
                % (name, b0, early["frames"], b1, late["frames"], rate))
            results.add(bench, "%s, %d frames" % (name, n), "record after N / after N/10", [b1 / b0],
                        target="= 1.0", met=lambda m: m <= 1.0001,
                        detail="%d bytes after %s frames, %d bytes after %s frames"
                               % (b0, early["frames"], b1, late["frames"]))
        except BenchError as e:
            log("%s: %s" % (name, e))
            results.skip(bench, "%s, %d frames" % (name, n), "record after N / after N/10", str(e))
        finally:
            s.close()
