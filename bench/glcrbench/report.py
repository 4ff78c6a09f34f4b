"""The table: printed, and written as results.md, results.csv and chart.png (a PNG drawn here
with zlib and a small bitmap font, so the harness needs nothing beyond Python)."""
import csv
import os
import re
import struct
import zlib

COLUMNS = ("bench", "case", "metric", "median", "min", "max", "n", "target", "met", "detail")


def fmt(v, unit=""):
    if v is None:
        return "-"
    if unit == "s":
        return "%.3f s" % v
    if unit == "ns":
        return "%+.1f ns" % v
    a = abs(v)
    text = "%.3f" % v if a < 10 else "%.1f" % v
    return text if unit in ("", "x") else text + " " + unit


def table_lines(rows):
    head = ("Benchmark", "Case", "Figure", "Median", "Spread (min-max)", "n", "Target", "Met")
    body = []
    for r in rows:
        spread = "-" if r["min"] is None else "%s - %s" % (fmt(r["min"], r["unit"]), fmt(r["max"], r["unit"]))
        body.append((r["bench"], r["case"], r["metric"], fmt(r["median"], r["unit"]), spread, str(r["n"]),
                     r["target"] or "", r["met"] or ""))
    widths = [max(len(x[i]) for x in [head] + body) for i in range(len(head))]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    out = [line(head), line(["-" * w for w in widths])]
    out += [line(b) for b in body]
    return out


def write_csv(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS + ("unit",))
        for r in rows:
            w.writerow([("" if r[c] is None else (("%.6g" % r[c]) if isinstance(r[c], float) else r[c]))
                        for c in COLUMNS] + [r["unit"]])


def md_escape(text):
    return str(text).replace("|", "\\|")


def write_markdown(path, rows, header_lines, notes):
    out = ["# glcr benchmark results", ""] + header_lines + [""]
    out.append("| Benchmark | Case | Figure | Median | Spread (min–max) | n | Target | Met | Measured from |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        spread = "–" if r["min"] is None else "%s – %s" % (fmt(r["min"], r["unit"]), fmt(r["max"], r["unit"]))
        out.append("| %s |" % " | ".join(md_escape(x) for x in (
            r["bench"], r["case"], r["metric"], fmt(r["median"], r["unit"]), spread, r["n"], r["target"] or "",
            r["met"] or "", r["detail"])))
    if notes:
        out += ["", "Notes:", ""] + ["- " + n for n in notes]
    out.append("")
    with open(path, "w") as f:
        f.write("\n".join(out))
    return out


# ---- PNG chart ----------------------------------------------------------------------------

# 5x7 glyphs, one 5-bit row per entry (bit 4 = leftmost column).
FONT = {
    "A": (14, 17, 17, 31, 17, 17, 17), "B": (30, 17, 17, 30, 17, 17, 30), "C": (14, 17, 16, 16, 16, 17, 14),
    "D": (28, 18, 17, 17, 17, 18, 28), "E": (31, 16, 16, 30, 16, 16, 31), "F": (31, 16, 16, 30, 16, 16, 16),
    "G": (14, 17, 16, 23, 17, 17, 15), "H": (17, 17, 17, 31, 17, 17, 17), "I": (14, 4, 4, 4, 4, 4, 14),
    "J": (7, 2, 2, 2, 2, 18, 12), "K": (17, 18, 20, 24, 20, 18, 17), "L": (16, 16, 16, 16, 16, 16, 31),
    "M": (17, 27, 21, 21, 17, 17, 17), "N": (17, 17, 25, 21, 19, 17, 17), "O": (14, 17, 17, 17, 17, 17, 14),
    "P": (30, 17, 17, 30, 16, 16, 16), "Q": (14, 17, 17, 17, 21, 18, 13), "R": (30, 17, 17, 30, 20, 18, 17),
    "S": (15, 16, 16, 14, 1, 1, 30), "T": (31, 4, 4, 4, 4, 4, 4), "U": (17, 17, 17, 17, 17, 17, 14),
    "V": (17, 17, 17, 17, 17, 10, 4), "W": (17, 17, 17, 21, 21, 21, 10), "X": (17, 17, 10, 4, 10, 17, 17),
    "Y": (17, 17, 17, 10, 4, 4, 4), "Z": (31, 1, 2, 4, 8, 16, 31),
    "0": (14, 17, 19, 21, 25, 17, 14), "1": (4, 12, 4, 4, 4, 4, 14), "2": (14, 17, 1, 2, 4, 8, 31),
    "3": (31, 2, 4, 2, 1, 17, 14), "4": (2, 6, 10, 18, 31, 2, 2), "5": (31, 16, 30, 1, 1, 17, 14),
    "6": (6, 8, 16, 30, 17, 17, 14), "7": (31, 1, 2, 4, 8, 8, 8), "8": (14, 17, 17, 14, 17, 17, 14),
    "9": (14, 17, 17, 15, 1, 2, 12), " ": (0,) * 7, ".": (0, 0, 0, 0, 0, 12, 12), ",": (0, 0, 0, 0, 12, 4, 8),
    "-": (0, 0, 0, 31, 0, 0, 0), ":": (0, 12, 12, 0, 12, 12, 0), "/": (0, 1, 2, 4, 8, 16, 0),
    "(": (2, 4, 8, 8, 8, 4, 2), ")": (8, 4, 2, 2, 2, 4, 8), "%": (24, 25, 2, 4, 8, 19, 3),
    "+": (0, 4, 4, 31, 4, 4, 0), "=": (0, 0, 31, 0, 31, 0, 0), "<": (2, 4, 8, 16, 8, 4, 2),
    ">": (8, 4, 2, 1, 2, 4, 8), "_": (0, 0, 0, 0, 0, 0, 31), "?": (14, 17, 1, 2, 4, 0, 4),
}
ALIASES = {"≤": "<", "≥": ">", "²": "2", "×": "X", "≈": "=", "–": "-"}
SCALE = 2
ADVANCE = 6 * SCALE


class Canvas:
    def __init__(self, w, h, bg=(255, 255, 255)):
        self.w, self.h = w, h
        self.px = bytearray(bytes(bg) * (w * h))

    def rect(self, x0, y0, x1, y1, color):
        x0, x1 = max(0, int(x0)), min(self.w, int(x1))
        y0, y1 = max(0, int(y0)), min(self.h, int(y1))
        if x1 <= x0:
            return
        row = bytes(color) * (x1 - x0)
        for y in range(y0, y1):
            i = (y * self.w + x0) * 3
            self.px[i:i + len(row)] = row

    def text(self, x, y, s, color=(0, 0, 0)):
        for ch in s:
            ch = ALIASES.get(ch, ch)
            glyph = FONT.get(ch.upper(), FONT["?"])
            for r, bits in enumerate(glyph):
                for c in range(5):
                    if bits & (16 >> c):
                        self.rect(x + c * SCALE, y + r * SCALE, x + (c + 1) * SCALE, y + (r + 1) * SCALE, color)
            x += ADVANCE

    def png(self, path):
        raw = b"".join(b"\0" + bytes(self.px[y * self.w * 3:(y + 1) * self.w * 3]) for y in range(self.h))

        def chunk(kind, data):
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
        with open(path, "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n")
            f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0)))
            f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
            f.write(chunk(b"IEND", b""))


def target_value(target):
    m = re.search(r"([0-9]+(?:\.[0-9]+)?)", target or "")
    return float(m.group(1)) if m else None


def write_chart(path, rows, title):
    """One panel per benchmark figure (common scale within a panel): a bar per case at its
    median, a whisker from min to max, and the target as a red line."""
    by_figure = {}  # every case of a figure in one panel, in the order the figures came
    for r in rows:
        if r["median"] is not None:
            by_figure.setdefault((r["bench"], r["metric"]), []).append(r)
    panels = list(by_figure.items())
    label_w, bar_w, value_w, line_h, pad = 44 * ADVANCE, 560, 12 * ADVANCE, 26, 14
    width = pad + label_w + bar_w + value_w + pad
    height = 50 + sum(40 + len(p[1]) * line_h for p in panels) + pad
    cv = Canvas(width, height)
    cv.text(pad, 14, title[:width // ADVANCE - 2])
    y = 50
    for (bench, metric), prs in panels:
        cv.text(pad, y, ("%s: %s" % (bench, metric))[:100], (20, 60, 140))
        y += 24
        vals = [max(abs(r["max"] if r["max"] is not None else r["median"]), abs(r["median"])) for r in prs]
        tv = target_value(prs[0]["target"]) if prs[0]["unit"] not in ("s",) else None
        top = max(vals + ([tv] if tv else [])) * 1.15 or 1.0
        x0 = pad + label_w
        scale = bar_w / top
        for r in prs:
            cv.text(pad, y + 4, r["case"][:43])
            v = max(0.0, r["median"])
            color = (70, 130, 200) if r["met"] != "no" else (220, 120, 60)
            cv.rect(x0, y + 2, x0 + v * scale, y + line_h - 6, color)
            if r["min"] is not None and r["max"] is not None:
                lo, hi = max(0.0, r["min"]) * scale, max(0.0, r["max"]) * scale
                mid = y + (line_h - 4) // 2
                cv.rect(x0 + lo, mid, x0 + hi + 1, mid + 2, (0, 0, 0))
                cv.rect(x0 + lo, mid - 5, x0 + lo + 2, mid + 7, (0, 0, 0))
                cv.rect(x0 + hi - 1, mid - 5, x0 + hi + 1, mid + 7, (0, 0, 0))
            cv.text(x0 + bar_w + 8, y + 4, fmt(r["median"], r["unit"]))
            y += line_h
        if tv:
            cv.rect(x0 + tv * scale - 1, y - len(prs) * line_h - 2, x0 + tv * scale + 1, y, (210, 30, 30))
        cv.rect(x0, y - len(prs) * line_h - 2, x0 + 1, y, (90, 90, 90))
        y += 16
    cv.png(path)


def write_all(out_dir, rows, header_lines, notes, title):
    os.makedirs(out_dir, exist_ok=True)
    write_csv(os.path.join(out_dir, "results.csv"), rows)
    write_markdown(os.path.join(out_dir, "results.md"), rows, header_lines, notes)
    write_chart(os.path.join(out_dir, "chart.png"), rows, title)
