"""Frame hashes printed by the deterministic test apps (tests/apps): detapp prints
'frame N HASH' per frame, mtapp 'thread T frame K HASH'; both print 'done' when they end.
Frame N (or K of thread T) is a pure function of its number and the GL state accumulated
so far, so a run that was checkpointed and restored must print exactly the hashes of an
uninterrupted one. Shared by every test that compares the two."""
import time

from glcrtest import TestFailure, alive, check


def parse(text, who="app"):
    """({key: hash}, frame lines, 'done' lines) of an app's output. The key is N for detapp
    and (T, K) for mtapp. A frame printed more than once (a restored copy going over it
    again) must hash the same every time."""
    out, lines = {}, 0
    for line in text.splitlines():
        p = line.split()
        if len(p) == 3 and p[0] == "frame":
            key, h = int(p[1]), p[2]
        elif len(p) == 5 and p[0] == "thread" and p[2] == "frame":
            key, h = (int(p[1]), int(p[3])), p[4]
        else:
            continue
        lines += 1
        check(out.setdefault(key, h) == h, "%s: frame %s printed twice with different hashes (%s, %s)"
              % (who, key, out[key], h))
    return out, lines, text.count("done\n")


def of_session(glcr, name):
    try:
        text = glcr.read(name, "app.out")
    except FileNotFoundError:
        text = ""  # the app has not opened its output yet
    return parse(text, name)


def progress(frames):
    """Frames every thread has reached: N for detapp, the smallest K over mtapp's threads."""
    per_thread = {}
    for key in frames:
        t, k = key if isinstance(key, tuple) else (0, key)
        per_thread[t] = max(per_thread.get(t, 0), k)
    return min(per_thread.values()) if per_thread else 0


def compare(ref, got, what, keys=None, reference="the uninterrupted run"):
    """Every frame in keys (default: all of ref) was printed, with the reference's hash."""
    want = sorted(ref if keys is None else keys)
    missing = [k for k in want if k not in got]
    check(not missing, "%s: %d frames missing, first %s" % (what, len(missing), missing[:4]))
    bad = [k for k in want if got[k] != ref[k]]
    check(not bad, "%s: %d frames differ from %s, first %s (%s vs %s)"
          % (what, len(bad), reference, bad[0], got[bad[0]], ref[bad[0]]) if bad else what)


def wait_until(glcr, name, cond, what, timeout=60):
    """Waits for cond() (evaluated on the session's output); fails early, saying why, when
    the session ended without it."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if cond():
            return
        pid = glcr.root_pid(name)
        if pid and not alive(pid) and not cond():
            break
        time.sleep(0.02)
    err = glcr.read(name, "app.err").strip().splitlines()
    raise TestFailure("%s: %s did not happen; app.err: %s" % (name, what, " | ".join(err[-4:]) or "(nothing)"))


def wait_done(glcr, name, times=1, timeout=120):
    wait_until(glcr, name, lambda: of_session(glcr, name)[2] >= times, "'done' (%d)" % times, timeout)


def wait_progress(glcr, name, at_least, timeout=60):
    wait_until(glcr, name, lambda: progress(of_session(glcr, name)[0]) >= at_least,
               "frame %d" % at_least, timeout)


def same_with_reloads(glcr, name, count, app, every=2):
    """Runs app (argv printing 'frame N HASH' for COUNT frames) to the end twice in sessions
    of its own, plainly and with a driver reload every EVERY frames (GLCR_VERIFY re-reading the
    replayed state): the reloads must all happen and every frame hash like the plain run's.
    Returns the plain run's frame lines."""
    argv = ["--size", "320x240", "--"] + list(app)
    glcr.started += [name + "-plain", name + "-reload"]
    ref = glcr.run("run", "--name", name + "-plain", *argv)
    got = glcr.run("run", "--name", name + "-reload", *argv, env={"GLCR_RELOAD_EVERY": every, "GLCR_VERIFY": 1, "GLCR_LOG": "info"})
    reloads = got.stderr.count("resumed:")
    check(reloads == count // every, "%s: %d reloads logged, expected %d\n%s" % (
        name, reloads, count // every, got.stderr[-2000:]))
    a = [l for l in ref.stdout.splitlines() if l.startswith("frame ")]
    b = [l for l in got.stdout.splitlines() if l.startswith("frame ")]
    check(len(a) == count and a == b, "%s: frames differ across reloads:\n%s" % (name, "\n".join(
        "%s | %s" % (x, y) for x, y in zip(a, b) if x != y)))
    return a
