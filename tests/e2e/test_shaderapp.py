#!/usr/bin/env python3
"""tests/apps/shaderapp (GLSL programs, uniforms of many types, generic attributes, a
texture fed back from the framebuffer) through checkpoint --kill + restore and through a
leave-running checkpoint + restore: every frame must hash like the uninterrupted run's.
Same procedure as test_detapp.py."""
import sys

import test_detapp
from glcrtest import main

if __name__ == "__main__":
    sys.exit(main(test_detapp.test))
