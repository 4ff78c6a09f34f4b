"""Inputs the benchmarks generate once and keep in bench/results/models: large OBJ models (a
terrain of several parts, each a grid with positions, texture coordinates and normals, like a
scanned or sculpted asset) and the f3d interaction log that keeps f3d rendering."""
import math
import os

from .common import log



def bytes_per_vertex(vertices):
    """What one grid vertex costs in the file, its two triangles included: about 80 bytes of
    v/vt/vn lines and 18 face indices, as long on average as the indices 1..vertices."""
    digits, start, count = 0, 1, 0
    while start <= vertices:
        n = min(vertices, start * 10 - 1) - start + 1
        digits += n * len(str(start))
        count += n
        start *= 10
    return 97.0 + 18.0 * digits / max(1, count)


def obj(cfg, mb):
    """Path of an OBJ model of about `mb` megabytes, written on first use."""
    os.makedirs(cfg.models, exist_ok=True)
    path = os.path.join(cfg.models, "terrain-%dMB-v2.obj" % mb)
    if os.path.exists(path):
        return path
    log("writing a %d MB OBJ model (once): %s" % (mb, path))
    tmp = path + ".partial"
    write_terrain(tmp, mb * 1e6)
    os.rename(tmp, path)
    return path


def write_terrain(path, target_bytes, parts=12):
    vertices = max(16, int(target_bytes / bytes_per_vertex(int(target_bytes / 200))))
    side = max(4, round(math.sqrt(vertices / parts)))
    first = 1
    with open(path, "w", buffering=1 << 22) as f:
        f.write("# terrain for glcr benchmarks: %d parts of %dx%d vertices\n" % (parts, side, side))
        step = 1.0 / (side - 1)
        for part in range(parts):
            ox, oz = (part % 4) * 1.05, (part // 4) * 1.05
            phase = part * 0.7
            f.write("o part%d\ng part%d\n" % (part, part))

            def height(x, z):
                return (0.18 * math.sin(4.0 * x + phase) * math.cos(3.0 * z - phase)
                        + 0.05 * math.sin(19.0 * x * z + phase) + 0.3 * math.exp(-8.0 * ((x - 0.5) ** 2 + (z - 0.5) ** 2)))
            for j in range(side):
                z = j * step
                rows = []
                for i in range(side):
                    x = i * step
                    y = height(x, z)
                    dx = height(x + step, z) - height(x - step, z)
                    dz = height(x, z + step) - height(x, z - step)
                    nx, ny, nz = -dx, 2.0 * step, -dz
                    inv = 1.0 / math.sqrt(nx * nx + ny * ny + nz * nz)
                    rows.append("v %.6f %.6f %.6f\nvt %.6f %.6f\nvn %.5f %.5f %.5f"
                                % (ox + x, y, oz + z, x, z, nx * inv, ny * inv, nz * inv))
                f.write("\n".join(rows))
                f.write("\n")
            for j in range(side - 1):
                rows = []
                for i in range(side - 1):
                    a = first + j * side + i
                    b, c = a + 1, a + side
                    d = c + 1
                    rows.append("f %d/%d/%d %d/%d/%d %d/%d/%d\nf %d/%d/%d %d/%d/%d %d/%d/%d"
                                % (a, a, a, c, c, c, b, b, b, b, b, b, c, c, c, d, d, d))
                f.write("\n".join(rows))
                f.write("\n")
            first += side * side


def rotation_log(cfg, moves=100000):
    """A VTK interaction log (f3d --interaction-test-play) that drags the mouse back and forth
    with the left button held: f3d renders a frame for every move, so it renders continuously
    (at its own pace) for as long as the benchmark needs."""
    os.makedirs(cfg.models, exist_ok=True)
    path = os.path.join(cfg.models, "f3d-rotate-%d.log" % moves)
    if os.path.exists(path):
        return path
    lines = ["# StreamVersion 1.1", "LeftButtonPressEvent 300 300 0 0 0 0 0"]
    for k in range(moves):
        x = 300 + int(150 * math.sin(k / 40.0))
        lines.append("MouseMoveEvent %d 300 0 0 0 0 0" % x)
    lines.append("LeftButtonReleaseEvent 300 300 0 0 0 0 0")
    with open(path + ".partial", "w") as f:
        f.write("\n".join(lines) + "\n")
    os.rename(path + ".partial", path)
    return path
