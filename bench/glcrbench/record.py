"""Record growth: the bytes glcr keeps between snapshots to replay what cannot be read back
(display-list records, shader sources, name tables: glcr status record_bytes) after N more
frames of an app, divided by the same once the app has settled: glxgears after a second, the
glmark2 loop after it went twice through all its scenes (each scene has shaders, buffers and
a context of its own, so the record legitimately differs from scene to scene). A record that
follows live state and not history stays flat: the ratio is 1.0."""
import time

from . import common
from .common import BenchError, log


def frames(cfg):
    if "record_frames" in cfg.options:
        return cfg.options["record_frames"]
    return 3000 if cfg.quick else 100000


GLMARK2_SCENES = ("build:use-vbo=true", "texture", "shading:shading=phong", "buffer:update-method=map", "shadow")


def cases(cfg):
    scene_s = 1 if cfg.quick else 2
    glmark2 = ["glmark2", "--size", "320x240", "--run-forever"]
    for scene in GLMARK2_SCENES:
        glmark2 += ["-b", "%s:duration=%d" % (scene, scene_s)]
    return [
        # (name, argv, size, seconds until settled)
        ("glxgears", ["glxgears", "-geometry", "300x300"], (300, 300), 1.0),
        ("glmark2 loop", glmark2, (320, 240), 2 * len(GLMARK2_SCENES) * (scene_s + 0.5) + 1),
    ]


def run(cfg, results):
    bench = "record growth"
    n = frames(cfg)
    for name, argv, (w, h), settle_s in cases(cfg):
        s = common.Session(cfg, "record", argv, w, h)
        try:
            s.wait_frames(1, timeout=300)
            time.sleep(settle_s)
            early = s.app()
            t0 = time.monotonic()
            late = s.wait_frames(int(early.get("frames", 0)) + n, timeout=36000)
            rate = (int(late["frames"]) - int(early.get("frames", 0))) / (time.monotonic() - t0)
            b0, b1 = int(early.get("record_bytes", -1)), int(late.get("record_bytes", -1))
            if b0 <= 0 or b1 < 0:
                raise BenchError("glcr status reports no record_bytes")
            log("%s: record %d bytes after %s frames, %d bytes after %s frames (%.0f FPS)"
                % (name, b0, early["frames"], b1, late["frames"], rate))
            results.add(bench, "%s, %d frames" % (name, n), "record after N frames / settled", [b1 / b0],
                        target="= 1.0", met=lambda m: m <= 1.0001,
                        detail="%d bytes after %s frames, %d bytes after %s frames"
                               % (b0, early["frames"], b1, late["frames"]))
        except BenchError as e:
            log("%s: %s" % (name, e))
            results.skip(bench, "%s, %d frames" % (name, n), "record after N frames / settled", str(e))
        finally:
            s.close()
