"""Per-call cost: what glcr adds to one trivial GL call (glColor4f), from bench/run-percall
(native, inproc and split side by side on one Xvfb, interleaved runs). Reported in
nanoseconds added per call, with the median and spread of the runs."""
import os
import re

from . import common
from .common import BenchError

ROW = re.compile(r"^(native|inproc|split|split-sc|2xwrfs)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)", re.M)


def run(cfg, results):
    bench = "per-call cost"
    script = os.path.join(common.HERE, "run-percall")
    rounds, calls = (3, 2000000) if cfg.quick else (max(5, cfg.reps), 20000000)
    try:
        rc, out, err = common.run([script, "--build", cfg.build, "--rounds", str(rounds), "--calls", str(calls),
                                   "--reps", "3"], env=common.clean_env(), timeout=1800, check=False)
        if rc != 0:
            raise BenchError("run-percall failed: %s" % (err.strip().splitlines()[-1:] or "?"))
    except BenchError as e:
        results.skip(bench, "glColor4f", "split - native (ns per call)", str(e), target="< 25 ns")
        return
    rows = {m.group(1): tuple(float(m.group(i)) for i in (2, 3, 4)) for m in ROW.finditer(out)}
    if "native" not in rows or "split" not in rows:
        results.skip(bench, "glColor4f", "split - native (ns per call)", "run-percall printed no table")
        return
    nat = rows["native"][0]
    detail = "native %.1f ns, inproc %.1f ns, split %.1f ns per call" % (nat, rows.get("inproc", (0,))[0],
                                                                      rows["split"][0])
    # run-percall reports each variant's median and spread over its runs; the added cost is the
    # difference of medians, with the spread of the glcr variant around it.
    for v in ("split", "inproc"):
        if v not in rows:
            continue
        med, lo, hi = rows[v]
        results.rows.append({"bench": bench, "case": "glColor4f, %d calls x %d runs" % (calls, rounds),
                             "metric": "%s - native (ns per call)" % v, "unit": "ns", "median": med - nat,
                             "min": lo - nat, "max": hi - nat, "n": rounds,
                             "target": "< 25 ns" if v == "split" else "",
                             "met": ("yes" if med - nat < 25 else "no") if v == "split" else "",
                             "detail": detail})
    if "split-sc" in rows:
        results.notes.append("per-call cost with the arch_prctl fallback (no FSGSBASE): +%.0f ns per call"
                             % (rows["split-sc"][0] - nat))
