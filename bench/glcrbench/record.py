"""Record growth: the bytes glcr keeps between snapshots to replay what cannot be read back
(display-list records, shader sources, name tables: glcr status record_bytes), the largest
seen over N more frames of an app, divided by the largest seen while the app settled: glxgears after a second, the
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


def largest_record(s, done, timeout):
    """Polls the session until done(app status) or timeout; returns (largest record_bytes seen,
    the last status). The largest, not the last: the glmark2 loop's record differs from scene
    to scene, and a record that follows history would raise the peak from pass to pass."""
    deadline, peak, app = time.monotonic() + timeout, -1, {}
    while time.monotonic() < deadline:
        st = s.status()
        if st.get("state") not in (None, "running"):
            raise BenchError("session %s is %s: %s" % (s.name, st.get("state"), s.tail_log()))
        app = st.get("app") or app
        peak = max(peak, int(app.get("record_bytes", -1)))
        if done(app):
            return peak, app
        time.sleep(0.2)
    if done is never:
        return peak, app
    raise BenchError("session %s did not get there within %d s" % (s.name, timeout))


def never(_app):
    return False


def run(cfg, results):
    bench = "record growth"
    n = frames(cfg)
    for name, argv, (w, h), settle_s in cases(cfg):
        case = "%s, %d frames" % (name, n)
        s = common.Session(cfg, "record", argv, w, h)
        try:
            s.wait_frames(1, timeout=300)
            b0, early = largest_record(s, never, settle_s)
            start = int(early.get("frames", 0))
            t0 = time.monotonic()
            b1, late = largest_record(s, lambda app: int(app.get("frames", 0)) >= start + n, 36000)
            rate = (int(late["frames"]) - start) / (time.monotonic() - t0)
            if b0 <= 0 or b1 < 0:
                raise BenchError("glcr status reports no record_bytes")
            log("%s: record at most %d bytes until frame %d, at most %d bytes until frame %s (%.0f FPS)"
                % (name, b0, start, b1, late["frames"], rate))
            detail = "at most %d bytes until frame %d, at most %d bytes until frame %s" % (b0, start, b1, late["frames"])
            results.add(bench, case, "record after N frames / settled", [b1 / b0],
                        target="= 1.0", met=lambda m: m <= 1.0001, detail=detail)
            results.add(bench, case, "record after N frames", [b1 / 1024], unit="KiB",
                        target="< 64 KiB", met=lambda m: m < 64, detail=detail)
        except BenchError as e:
            log("%s: %s" % (name, e))
            results.skip(bench, case, "record after N frames / settled", str(e))
        finally:
            s.close()
