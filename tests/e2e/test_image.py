#!/usr/bin/env python3
"""The split driver half keeps the GL driver out of the process image: after
`glcr checkpoint`, the CRIU image of the app holds no mapping of the driver (libEGL,
libEGL_mesa, the DRI/gallium driver, libLLVM, the lower program and hooks, a second
ld.so) and no driver thread. The same check on an image taken with the inproc driver half
must find the driver: proof that the check sees what it looks for.

CRIU images are read directly (a minimal protobuf reader): pstree.img for processes and
their threads, files.img for file names, mm-PID.img for each process's mappings."""
import os
import re
import struct
import sys

from glcrtest import check, main

DRIVER = re.compile(r"libEGL\.so|libEGL_mesa|_dri\.so|libgallium|libLLVM|libglapi|glcr-lower")


def glcr_stand_in(path):
    """glcr's own libEGL.so.1 (a stand-in with no driver in it) sits next to libglcr.so in
    the build tree, or one level below it where installed."""
    d = os.path.dirname(path)
    return any(os.path.exists(os.path.join(x, "libglcr.so")) for x in (d, os.path.dirname(d)))


def varint(buf, pos):
    value = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return value, pos


def fields(msg):
    """(field number, wire type, value) of a protobuf message; length-delimited values are bytes."""
    pos = 0
    while pos < len(msg):
        key, pos = varint(msg, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = varint(msg, pos)
        elif wire == 1:
            value, pos = struct.unpack_from("<Q", msg, pos)[0], pos + 8
        elif wire == 5:
            value, pos = struct.unpack_from("<I", msg, pos)[0], pos + 4
        elif wire == 2:
            n, pos = varint(msg, pos)
            value, pos = msg[pos:pos + n], pos + n
        else:
            raise ValueError("unsupported protobuf wire type %d" % wire)
        yield number, wire, value


def entries(path):
    """The messages of a CRIU image file: two magics, then length-prefixed messages."""
    with open(path, "rb") as f:
        data = f.read()
    pos = 8
    while pos + 4 <= len(data):
        (n,) = struct.unpack_from("<I", data, pos)
        yield data[pos + 4:pos + 4 + n]
        pos += 4 + n


def processes(image):
    out = []
    for e in entries(os.path.join(image, "pstree.img")):
        pid, threads = 0, []
        for number, wire, value in fields(e):
            if number == 1:
                pid = value
            elif number == 5:
                if wire == 2:  # packed
                    p = 0
                    while p < len(value):
                        t, p = varint(value, p)
                        threads.append(t)
                else:
                    threads.append(value)
        out.append((pid, threads))
    return out


def file_names(image):
    names = {}
    for e in entries(os.path.join(image, "files.img")):
        for number, _, value in fields(e):
            if number == 3:  # reg_file_entry
                rid, name = None, None
                for n2, _, v2 in fields(value):
                    if n2 == 1:
                        rid = v2
                    elif n2 == 6:
                        name = v2.decode(errors="replace")
                if rid is not None:
                    names[rid] = name
    return names


def mappings(image, pid, names):
    """(start, end, file name or None) of each mapping, and the executable's name."""
    vmas, exe = [], None
    for e in entries(os.path.join(image, "mm-%d.img" % pid)):
        for number, _, value in fields(e):
            if number == 12:
                exe = names.get(value)
            elif number == 14:
                v = {n: val for n, _, val in fields(value)}
                vmas.append((v.get(1), v.get(2), names.get(v.get(4))))
    return vmas, exe


def app_view(image, app_name):
    names = file_names(image)
    for pid, threads in processes(image):
        vmas, exe = mappings(image, pid, names)
        if exe and os.path.basename(exe).split(".")[0] == app_name:
            driver = sorted({n for _, _, n in vmas if n and DRIVER.search(n) and not glcr_stand_in(n)})
            ldso = sorted((s, e) for s, e, n in vmas if n and "ld-linux" in n)
            spans = 0
            for i, (s, e) in enumerate(ldso):
                if i == 0 or s != ldso[i - 1][1]:
                    spans += 1
            return threads, driver, spans
    raise AssertionError("no process running %s in the image %s" % (app_name, image))


def checkpoint(glcr, name, env):
    glcr.started.append(name)
    glcr.run("run", "-d", "--name", name, "--size", "320x240", "--", "glxgears", env=env)
    glcr.wait_frames(name, 20)
    glcr.run("checkpoint", name, "--kill")
    return os.path.join(glcr.dir, "sessions", name, "snapshots", "0001")


def test(glcr):
    threads, driver, ldso_spans = app_view(checkpoint(glcr, "split", {}), "glxgears")
    check(not driver, "the split image still maps the driver: %s" % driver)
    check(ldso_spans == 1, "the split image maps ld.so %d times" % ldso_spans)
    # The app's own thread and glcr's control agent; no driver thread.
    check(len(threads) == 2, "the app has %d threads in the image: %s" % (len(threads), threads))

    threads, driver, _ = app_view(checkpoint(glcr, "inproc", {"GLCR_DRIVER_HALF": "inproc"}), "glxgears")
    check(any("libEGL_mesa" in d for d in driver),
          "the inproc image should map the driver (the check found nothing: %s)" % driver)

    # The image restores and renders (the other session could hold the same X display
    # number: end it first).
    glcr.run("stop", "inproc", check_rc=False)
    glcr.run("restore", "split")
    f = glcr.frames("split")
    glcr.wait_frames("split", f + 10)


if __name__ == "__main__":
    sys.exit(main(test))
