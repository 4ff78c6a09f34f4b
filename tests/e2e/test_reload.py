#!/usr/bin/env python3
"""Driver reloads without a checkpointer (GLCR_RELOAD_EVERY): the GL state is read back,
the driver dropped (the split lower half unmapped completely) and booted again, the state
replayed, every few frames. 200 reloads in a row must leave every frame identical to a
run without reloads; GLCR_VERIFY re-reads the replayed state after each reload and checks
that teardown left no mapping, thread or device descriptor of the driver behind; and the
process's mappings, threads, descriptors and resident memory stay flat."""
import re
import sys

from glcrtest import check, main

FRAMES = 400
SHORT_FRAMES = 40


def frame_lines(text):
    return [l for l in text.splitlines() if l.startswith("frame ")]


def test(glcr, detapp):
    app = ["--", detapp, "--frames", FRAMES, "--size", "160x120"]
    glcr.started += ["plain", "reloading", "syscall-switch"]
    ref = glcr.run("run", "--name", "plain", "--size", "320x240", *app)
    got = glcr.run("run", "--name", "reloading", "--size", "320x240", *app,
                   env={"GLCR_RELOAD_EVERY": 2, "GLCR_VERIFY": 1, "GLCR_LOG": "info"}, timeout=240)
    reloads = got.stderr.count("resumed:")
    check(reloads == FRAMES // 2, "%d reloads logged, expected %d\n%s" % (reloads, FRAMES // 2, got.stderr[-2000:]))
    footprints = [tuple(map(int, m)) for m in re.findall(
        r"process: (\d+) KiB resident, (\d+) mappings, (\d+) threads, (\d+) descriptors", got.stderr)]
    # Compare the 10th reload (everything warmed up) with the last.
    warm, last = footprints[9], footprints[-1]
    # The kernel may merge or split neighbouring mappings: a few either way is not growth.
    check(last[1] <= warm[1] + 8 and last[2:] == warm[2:],
          "mappings/threads/descriptors grew from %s to %s over %d reloads" % (warm[1:], last[1:], len(footprints) - 10))
    check(last[0] < warm[0] * 1.10 + 4096, "resident memory grew from %d KiB to %d KiB" % (warm[0], last[0]))
    a, b = frame_lines(ref.stdout), frame_lines(got.stdout)
    check(len(a) == FRAMES and len(b) == FRAMES, "frame counts %d / %d" % (len(a), len(b)))
    bad = [i + 1 for i in range(FRAMES) if a[i] != b[i]]
    check(not bad, "frames %s differ with reloads (first: %s vs %s)" % (
        bad[:10], b[bad[0] - 1] if bad else "", a[bad[0] - 1] if bad else ""))

    # The arch_prctl fallback (CPUs or kernels without FSGSBASE), forced: fewer frames.
    short = ["--", detapp, "--frames", SHORT_FRAMES, "--size", "160x120"]
    slow = glcr.run("run", "--name", "syscall-switch", "--size", "320x240", *short,
                    env={"GLCR_RELOAD_EVERY": 2, "GLCR_FS_SWITCH": "arch_prctl", "GLCR_LOG": "debug"})
    check(slow.stderr.count("FS switch by arch_prctl") == SHORT_FRAMES // 2 + 1,
          "GLCR_FS_SWITCH=arch_prctl not taken:\n%s" % slow.stderr[-1000:])
    c = frame_lines(slow.stdout)
    check(c == a[:SHORT_FRAMES], "frames differ with the arch_prctl switch (%d frames)" % len(c))


if __name__ == "__main__":
    sys.exit(main(test))
