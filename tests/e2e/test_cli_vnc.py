#!/usr/bin/env python3
"""glcr run --vnc: Xvnc serves the session on a private unix socket; the session survives
checkpoint --kill + restore with glxgears still rendering, and a viewer reconnects after
the restore (none is connected at dump time). glcr view prints how to connect and can
forward a TCP port on 127.0.0.1 to the socket."""
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time

from glcrtest import check, alive, wait_gone
from test_cli_common import cli_main, ls_json, wait_for


def rfb_banner_unix(path):
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(5)
    s.connect(path)
    banner = s.recv(12)
    s.close()
    return banner


def rfb_banner_tcp(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    banner = s.recv(12)
    s.close()
    return banner


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test(glcr):
    if not shutil.which("Xvnc"):
        print("SKIP: Xvnc not installed (apt-get install tigervnc-standalone-server)")
        sys.exit(77)
    glcr.run("run", "-d", "--vnc", "--name", "vnc", "--size", "320x240", "--", "glxgears")
    glcr.started.append("vnc")
    glcr.wait_frames("vnc", 20)
    sock = ls_json(glcr, "vnc")[0]["vnc"]
    check(sock == glcr.session_file("vnc", "vnc.sock"), "ls --json vnc: %r" % sock)
    check(stat.S_IMODE(os.stat(sock).st_mode) == 0o600, "VNC socket is not private")
    check(rfb_banner_unix(sock).startswith(b"RFB 003."), "no RFB banner on %s" % sock)
    out = glcr.run("view", "vnc").stdout
    check(sock in out and "vncviewer" in out and "--listen" in out, "glcr view: %s" % out)
    # Xvnc listens on no TCP port of its own.
    xvnc_tcp = subprocess.run(["ss", "-ltnp"], capture_output=True, text=True).stdout
    check("Xvnc" not in xvnc_tcp and "Xtigervnc" not in xvnc_tcp, "Xvnc listens on TCP:\n%s" % xvnc_tcp)

    root = glcr.root_pid("vnc")
    time.sleep(0.2)  # the X server notices the closed viewer connection
    glcr.run("checkpoint", "vnc", "--kill")
    check(wait_gone(root), "session still running after checkpoint --kill")
    out = glcr.run("restore", "vnc").stdout
    check("first frame after" in out, "restore: %s" % out)
    f1 = glcr.frames("vnc")
    glcr.wait_frames("vnc", f1 + 30)
    check(rfb_banner_unix(sock).startswith(b"RFB 003."), "viewer cannot reconnect after the restore")

    # A TCP viewer through glcr view --listen; disconnected, a leave-running snapshot works.
    port = free_port()
    fwd = subprocess.Popen([glcr.path, "--dir", glcr.dir, "view", "vnc", "--listen", str(port)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for("the forwarder to listen", lambda: (lambda s: s.connect_ex(("127.0.0.1", port)) == 0 and
                                                      (s.close() or True))(socket.socket()), timeout=10)
        check(rfb_banner_tcp(port).startswith(b"RFB 003."), "no RFB banner through glcr view --listen")
    finally:
        fwd.send_signal(signal.SIGINT)
        fwd.communicate(timeout=10)
        glcr.reap()
    time.sleep(0.2)
    out = glcr.run("checkpoint", "vnc").stdout
    check("snapshot 0002" in out, "checkpoint after the viewer left: %s" % out)
    glcr.wait_frames("vnc", glcr.frames("vnc") + 30)
    glcr.run("stop", "vnc")


if __name__ == "__main__":
    sys.exit(cli_main(test))
