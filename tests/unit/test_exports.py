#!/usr/bin/env python3
"""libglcr.so must export every GL command of the Khronos registry and every GLX function
of glcr's glXGetProcAddress table (generated glx_procs.c).

usage: test_exports.py REGISTRY_DIR LIBGLCR_SO [GLX_PROCS_C]
GLX_PROCS_C defaults to glx_procs.c next to LIBGLCR_SO (both are in build/src)."""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET


def registry_commands(gl_xml):
    root = ET.parse(gl_xml).getroot()
    names = set()
    for cmd in root.iter('command'):
        proto = cmd.find('proto')
        if proto is None:
            continue
        name = proto.find('name')
        if name is not None and name.text:
            names.add(name.text.strip())
    return names


def glx_table(glx_procs_c):
    with open(glx_procs_c, encoding='utf-8') as f:
        text = f.read()
    return set(re.findall(r'\{\s*"(glX\w+)"\s*,', text))


def exported(lib):
    out = subprocess.run(['nm', '-D', '--defined-only', lib], check=True,
                         capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1] in 'TtWiDdBbVv':
            names.add(parts[2].split('@')[0])
    return names


def report(lib, what, missing, total):
    if not missing:
        print(f'ok   {what}: all {total} exported')
        return True
    print(f'FAIL {what}: {len(missing)} of {total} not exported by {os.path.basename(lib)}:')
    for name in sorted(missing):
        print(f'  {name}')
    return False


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    registry, lib = sys.argv[1], sys.argv[2]
    glx_c = sys.argv[3] if len(sys.argv) == 4 else os.path.join(os.path.dirname(lib),
                                                                 'glx_procs.c')
    gl = registry_commands(os.path.join(registry, 'gl.xml'))
    glx = glx_table(glx_c)
    # Guard against a parse that silently finds nothing (that would pass vacuously).
    if len(gl) < 2000 or 'glDrawArrays' not in gl:
        print(f'FAIL gl.xml: only {len(gl)} commands parsed')
        return 1
    if len(glx) < 20 or 'glXGetProcAddress' not in glx:
        print(f'FAIL {glx_c}: only {len(glx)} GLX functions parsed')
        return 1
    syms = exported(lib)
    ok = report(lib, 'gl.xml commands', gl - syms, len(gl))
    ok = report(lib, 'GLX functions of glx_procs.c', glx - syms, len(glx)) and ok
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
