"""glmark2 traces recorded with apitrace under glcr and replayed under glcr by glretrace or
eglretrace, which print the MD5 of every INTERVAL-th frame, one line each (not a test
itself). Shared by the tests that compare a replay interrupted by driver reloads
(test_retrace) or by checkpoints and restores (test_retrace_criu) with a plain one.

The replay tools run with WAFFLE_PLATFORM=x11_egl: EGL on X11 is what glcr emulates."""
import shutil

from glcrtest import check

TOOLS = ["apitrace", "glretrace", "eglretrace", "glmark2", "glmark2-es2"]
REPLAY_ENV = {"WAFFLE_PLATFORM": "x11_egl"}
WINDOW = "320x240"


def each_build(check_build, glx_benchmarks, es_benchmarks):
    """check_build(name, api, program, retrace, benchmarks) for the GLX build of glmark2
    (desktop GL) and the EGL one (OpenGL ES 2); 77 (skipped) where a tool is missing. A
    benchmark is glmark2's "scene:option=value"."""
    missing = [t for t in TOOLS if not shutil.which(t)]
    if missing:
        print("SKIP: %s not installed (scripts/setup installs them)" % ", ".join(missing))
        return 77
    check_build("glmark2", "gl", "glmark2", "glretrace", glx_benchmarks)
    check_build("glmark2-es2", "egl", "glmark2-es2", "eglretrace", es_benchmarks)
    return 0


def record(glcr, name, api, program, benchmarks):
    """Traces PROGRAM running the benchmarks under glcr; returns the trace's path."""
    trace = glcr.dir + "/%s.trace" % name
    glcr.started.append("rec-" + name)
    glcr.run("run", "--name", "rec-" + name, "--size", WINDOW, "--", "apitrace", "trace", "-a", api,
             "-o", trace, program, "-s", "160x120", *[a for b in benchmarks for a in ("-b", b)],
             timeout=240)
    return trace


def replay_command(retrace, trace, interval, *options):
    return [retrace, "--snapshot-format=MD5", "-s", "-", "--snapshot-interval=%d" % interval,
            *options, trace]


def hashes(text):
    """The frame MD5s in a replay's output, in order."""
    return [line for line in text.splitlines() if len(line) == 32]


def replay(glcr, name, retrace, trace, interval, env):
    """Replays the trace in a session of its own, to the end, hashing every INTERVAL-th
    frame; (frame MD5s, stderr)."""
    glcr.started.append(name)
    p = glcr.run("run", "--name", name, "--size", WINDOW, "--", *replay_command(retrace, trace, interval),
                 env=dict(env, **REPLAY_ENV), timeout=240)
    return hashes(p.stdout), p.stderr


def frame_numbers(indexes, interval):
    return ", ".join(str(i * interval) for i in indexes[:10]) + (" ..." if len(indexes) > 10 else "")


def compare(ref, got, what, interval, first=0, log=""):
    """got holds the MD5s of ref from its index FIRST to the end, every one identical; a
    difference names the frames (and ends with LOG, the replay's own words)."""
    want = ref[first:]
    bad = [first + i for i in range(min(len(want), len(got))) if got[i] != want[i]]
    check(not bad, "%s: frames %s differ from the plain replay%s" % (what, frame_numbers(bad, interval), log))
    missing = list(range(first + len(got), len(ref)))
    check(not missing, "%s: frames %s missing (%d of %d hashed frames printed)%s"
          % (what, frame_numbers(missing, interval), len(got), len(want), log))
    check(len(got) == len(want), "%s: %d frame hashes printed, the plain replay printed %d%s"
          % (what, len(got), len(want), log))
