#!/usr/bin/env python3
"""Generates glcr's GL/GLX interception layer from the Khronos registry (gl.xml, glx.xml).

Outputs (all into --out-dir):
  glcr_gl.h      GL types and enums (no system GL header is used anywhere in glcr)
  glcr_glx.h     GLX types, enums and prototypes of the GLX functions glcr implements
  gl_dispatch.h  command ids, the dispatch tables, hook prototypes, metadata types
  gl_entry.c     one exported entry point per GL command, lazy driver resolvers,
                 taint wrappers, display-list recording wrappers, the name -> entry table
                 used by glXGetProcAddress, and the per-command metadata
  gl_calls.c     serialisation of calls (pack) and their re-execution (replay)

Hand-written code decides what is special about a command by defining functions that the
generator finds in the files given with --scan:
  hook_glFoo(...)        replaces glFoo (same signature); calls glcr_driver.Foo itself
  GLCR_COVERS(glFoo ...) glFoo's effect is captured by a snapshot; it needs no hook
Every other command that changes driver state gets a taint wrapper: the first call marks the
process as using something glcr cannot restore, so a checkpoint is refused with its name.
"""
import argparse
import os
import re
import sys
import xml.etree.ElementTree as ET

# Object classes whose names glcr virtualizes (gl.xml class=): the app sees virtual names,
# the driver real ones. Commands taking them get generated translation wrappers.
VIRTUALIZED = {
    "texture": "GLCR_OBJ_TEXTURE", "buffer": "GLCR_OBJ_BUFFER",
    "renderbuffer": "GLCR_OBJ_RENDERBUFFER", "sampler": "GLCR_OBJ_SAMPLER", "query": "GLCR_OBJ_QUERY",
    "program": "GLCR_OBJ_PROGRAM", "shader": "GLCR_OBJ_PROGRAM",
    "framebuffer": "GLCR_OBJ_FRAMEBUFFER", "vertex array": "GLCR_OBJ_VERTEX_ARRAY",
    "transform feedback": "GLCR_OBJ_TRANSFORM_FEEDBACK", "program pipeline": "GLCR_OBJ_PIPELINE",
}

# Sync objects (gl.xml class="sync") are pointers, not names: glcr hands out its own handles
# (state/syncs.h), translated by the same generated wrappers.
SYNC_CLASS = "sync"

CATEGORIES = ["other", "create", "delete", "bind", "set_state", "upload", "draw", "query"]

# Categories whose commands change state the driver keeps: unhandled ones are tainting.
STATEFUL = {"create", "delete", "bind", "set_state", "upload"}

# GL executes these at once even while a display list is being compiled (GL 3.0 section 5.4:
# framebuffer and renderbuffer objects), though GLX calls most of them render commands.
# Recording them would run them a second time when glcr compiles the list again after a
# reload. EXT/ARB forms are matched without their suffix.
NEVER_COMPILED = {
    "glGenFramebuffers", "glBindFramebuffer", "glDeleteFramebuffers", "glCheckFramebufferStatus",
    "glGenRenderbuffers", "glBindRenderbuffer", "glDeleteRenderbuffers", "glRenderbufferStorage",
    "glRenderbufferStorageMultisample", "glFramebufferTexture", "glFramebufferTexture1D",
    "glFramebufferTexture2D", "glFramebufferTexture3D", "glFramebufferTextureLayer",
    "glFramebufferRenderbuffer", "glGenerateMipmap",
}

# Commands before which the GPU must see what the app wrote through a persistent buffer
# mapping, whose memory is glcr's own copy (state/mappings.c); after the waits among them
# the app must see what the GPU wrote. Their wrappers are in glcr_api only while such a
# mapping exists: without one these commands cost nothing extra.
MAP_SYNC_BEFORE_RE = re.compile(
    r"^gl((Multi)?Draw(?!Buffer)\w*|DispatchCompute\w*|CopyBufferSubData|CopyNamedBufferSubData|"
    r"Flush|Finish|FenceSync|MemoryBarrier\w*|ClientWaitSync|WaitSync)$")
MAP_SYNC_AFTER = {"glFinish", "glClientWaitSync"}

# Immediate-mode attribute calls only set "current" values, which snapshots read back.
IMMEDIATE_RE = re.compile(
    r"^gl(Vertex|Normal|Color|SecondaryColor|TexCoord|MultiTexCoord|FogCoord|Index|EdgeFlag|"
    r"VertexAttrib|EvalCoord|EvalPoint|ArrayElement|Rect|RasterPos|WindowPos)[0-9A-Za-z]*$")
# ... but the vertex array setters among those names (glVertexAttribPointer, glVertexArray*,
# glVertexBindingDivisor) change state a vertex array object keeps.
ARRAY_STATE_RE = re.compile(r"Pointer|Format|Binding|Divisor|Offset|VertexArray|VertexBuffer|Range")


def categorize(name):
    n = name[2:]
    if re.match(r"^(Gen|Create)", n) or n in ("FenceSync", "NewList"):
        return "create"
    if n.startswith("Delete"):
        return "delete"
    if re.match(r"^(Bind|UseProgram|ActiveTexture|ClientActiveTexture|ActiveShaderProgram)", n):
        return "bind"
    if re.match(r"^(Get|Is|Are|ReadPixels|ReadnPixels|CheckFramebufferStatus|CheckNamedFramebuffer|"
                r"ClientWaitSync|TestFence|QueryMatrix|RenderMode|PollAsync|FinishAsync)", n):
        return "query"
    if re.match(r"^(Draw|MultiDraw|Clear(?!Color|Depth|Stencil|Index|Accum)|Begin|End(?!List|Query|"
                r"TransformFeedback|ConditionalRender|PerfQuery|PerfMonitor)|CallList|DispatchCompute|"
                r"BlitFramebuffer|BlitNamedFramebuffer|Bitmap|DrawPixels|EvalMesh|Accum)", n):
        return "draw"
    if IMMEDIATE_RE.match(name) and not ARRAY_STATE_RE.search(name):
        return "draw"
    if re.match(r"^(TexImage|TexSubImage|TextureImage|TextureSubImage|CompressedTex|CompressedTexture|"
                r"CopyTex|CopyTexture|TexStorage|TextureStorage|BufferData|BufferSubData|BufferStorage|"
                r"NamedBuffer(Sub)?Data|NamedBufferStorage|MapBuffer|MapNamedBuffer|Unmap|FlushMapped|"
                r"CopyBufferSubData|CopyNamedBufferSubData|CopyImageSubData|ClearBuffer|ClearNamedBuffer|"
                r"ClearTex|InvalidateBuffer|InvalidateTex|TexBuffer|TextureBuffer)", n):
        return "upload"
    if n in ("Flush", "Finish", "GetError", "Hint", "FlushMappedBufferRange") or n.startswith(
            ("PushDebug", "PopDebug", "DebugMessage", "ObjectLabel", "ObjectPtrLabel", "InsertEventMarker",
             "PushGroupMarker", "PopGroupMarker", "StringMarker", "FrameTerminator")):
        return "other"
    return "set_state"


class Param:
    def __init__(self, el):
        self.name = el.find("name").text
        text = "".join(el.itertext())
        self.decl = " ".join(text.split())
        self.ctype = self.decl[: self.decl.rfind(self.name)].strip()
        self.obj_class = el.get("class")
        self.len = el.get("len")
        self.group = el.get("group")
        self.is_pointer = "*" in self.ctype
        self.is_const = self.ctype.startswith("const")

    def base_type(self):
        """The pointee type of a single-level pointer, e.g. 'const GLfloat *' -> 'GLfloat'."""
        t = self.ctype.replace("const", "").replace("*", "").strip()
        return t


class Command:
    def __init__(self, el):
        proto = el.find("proto")
        self.name = proto.find("name").text
        text = " ".join("".join(proto.itertext()).split())
        self.ret = text[: text.rfind(self.name)].strip()
        self.ret_class = proto.get("class")
        self.params = [Param(p) for p in el.findall("param")]
        alias = el.find("alias")
        self.alias = alias.get("name") if alias is not None else None
        glx = el.find("glx")
        self.glx_type = glx.get("type") if glx is not None else None
        vec = el.find("vecequiv")
        self.vecequiv = vec.get("name") if vec is not None else None
        self.category = categorize(self.name)
        self.hooked = False
        self.covered = False

    @property
    def short(self):
        return self.name[2:] if self.name.startswith("gl") else self.name

    def signature(self):
        ps = ", ".join(p.decl for p in self.params) or "void"
        return ps

    def args(self):
        return ", ".join(p.name for p in self.params)

    def returns(self):
        return self.ret != "void"


# ---------------------------------------------------------------------------------------
# Registry reading


def read_commands(root):
    cmds = [Command(c) for c in root.find("commands").findall("command")]
    # Parameter names that are C keywords or collide with macros would break the build.
    for c in cmds:
        for p in c.params:
            if p.name in ("near", "far", "template", "class"):
                p.decl = p.decl[: p.decl.rfind(p.name)] + p.name + "_"
                p.name = p.name + "_"
    return cmds


def read_enums(root, prefix):
    out = {}
    for group in root.findall("enums"):
        for e in group.findall("enum"):
            name = e.get("name")
            if not name.startswith(prefix) or e.get("api") not in (None, "gl", "glx"):
                continue
            value = e.get("value")
            suffix = e.get("type") or ""
            if name not in out:
                out[name] = value + suffix
    return out


def glx_required_names(root):
    wanted_ext = {
        "GLX_ARB_create_context", "GLX_ARB_create_context_profile", "GLX_ARB_get_proc_address",
        "GLX_EXT_swap_control", "GLX_MESA_swap_control", "GLX_SGI_swap_control", "GLX_SGIX_pbuffer",
    }
    names = []
    for feat in root.findall("feature"):
        if feat.get("api") == "glx":
            for req in feat.findall("require"):
                names += [c.get("name") for c in req.findall("command")]
    for ext in root.find("extensions").findall("extension"):
        if ext.get("name") in wanted_ext:
            for req in ext.findall("require"):
                names += [c.get("name") for c in req.findall("command")]
    seen, out = set(), []
    for n in names:
        if n not in seen:
            seen.add(n)
            out.append(n)
    return out


def scan_hand_written(paths):
    hooks, covers = set(), set()
    hook_re = re.compile(r"^\S[^;]*\bhook_(gl\w+)\s*\(", re.M)
    cover_re = re.compile(r"GLCR_COVERS\(([^)]*)\)")
    # Hooks written once for a family of commands: a macro whose body defines hook_##param,
    # used as MACRO(glFoo, ...) at the start of a line.
    hook_macro_re = re.compile(r"^#define\s+(\w+)\((\w+)[^)]*\)((?:.*\\\n)*.*)$", re.M)
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        hooks.update(hook_re.findall(text))
        for macro, param, body in hook_macro_re.findall(text):
            if re.search(r"\bhook_##%s\b" % param, body):
                hooks.update(re.findall(r"^%s\((gl\w+)\s*," % macro, text, re.M))
        for group in cover_re.findall(text):
            covers.update(n.strip() for n in group.replace("\n", " ").split(",") if n.strip())
    return hooks, covers


# ---------------------------------------------------------------------------------------
# Lengths of pointer parameters, used to serialise calls recorded in display lists.

SCALAR_SIZES = {
    "GLbyte": 1, "GLubyte": 1, "GLboolean": 1, "GLchar": 1, "GLcharARB": 1,
    "GLshort": 2, "GLushort": 2, "GLhalf": 2, "GLhalfNV": 2, "GLhalfARB": 2,
    "GLint": 4, "GLuint": 4, "GLenum": 4, "GLfloat": 4, "GLclampf": 4, "GLfixed": 4,
    "GLsizei": 4, "GLbitfield": 4, "GLclampx": 4, "GLhandleARB": 4,
    "GLdouble": 8, "GLclampd": 8, "GLint64": 8, "GLuint64": 8, "GLint64EXT": 8, "GLuint64EXT": 8,
    "GLintptr": 8, "GLsizeiptr": 8, "GLintptrARB": 8, "GLsizeiptrARB": 8,
}


def length_expr(cmd, p):
    """C expression for the number of bytes p points to, or None if it cannot be known."""
    if p.base_type() not in SCALAR_SIZES or p.ctype.count("*") != 1:
        if not (p.base_type() == "void" and p.len and p.len.startswith("COMPSIZE(")):
            return None
    elem = "(long long)sizeof(%s)" % p.base_type() if p.base_type() != "void" else "1LL"
    names = {q.name for q in cmd.params}
    ln = p.len
    if ln is None:
        return None
    if re.fullmatch(r"\d+", ln):
        return "%sLL * %s" % (ln, elem)
    if ln in names:
        return "(long long)%s * %s" % (ln, elem)
    m = re.fullmatch(r"(\w+)\*(\d+)", ln)
    if m and m.group(1) in names:
        return "(long long)%s * %sLL * %s" % (m.group(1), m.group(2), elem)
    m = re.fullmatch(r"COMPSIZE\((\w+)\)", ln)
    if m and m.group(1) in names and p.base_type() != "void":
        # A count that depends on a pname: hand-written table, -1 when unknown.
        return "glcr_pname_count(%s) * %s" % (m.group(1), elem)
    if ln == "COMPSIZE(n,type)" and p.base_type() == "void":
        return "glcr_list_names_size(n, type)"
    return None


# ---------------------------------------------------------------------------------------
# Output writers


HEADER = "/* Generated by src/intercept/gen_gl.py from the Khronos registry. Do not edit. */\n"


def write_gl_header(path, root, enums):
    with open(path, "w") as f:
        f.write(HEADER)
        f.write("#ifndef GLCR_GL_H\n#define GLCR_GL_H\n#include <stddef.h>\n#include <KHR/khrplatform.h>\n")
        for t in root.find("types").findall("type"):
            if t.get("name") == "khrplatform":
                continue
            text = "".join(t.itertext()).strip()
            if not text:
                continue
            f.write(text.replace("<apientry/>", "") + "\n")
        for name, value in enums.items():
            f.write("#define %s %s\n" % (name, value))
        f.write("#endif\n")


def write_glx_header(path, root, enums, cmds_by_name, required):
    with open(path, "w") as f:
        f.write(HEADER)
        f.write("#ifndef GLCR_GLX_H\n#define GLCR_GLX_H\n#include <inttypes.h>\n#include <X11/Xlib.h>\n"
                "#include <X11/Xutil.h>\n#include \"glcr_gl.h\"\n")
        for t in root.find("types").findall("type"):
            if t.get("name") is not None and not "".join(t.itertext()).strip().startswith("typedef"):
                continue
            text = "".join(t.itertext()).strip()
            if text.startswith("typedef"):
                f.write(text + "\n")
        for name, value in enums.items():
            f.write("#define %s %s\n" % (name, value))
        f.write("#define GLCR_EXPORT __attribute__((visibility(\"default\")))\n")
        for n in required:
            c = cmds_by_name[n]
            f.write("GLCR_EXPORT %s %s(%s);\n" % (c.ret, c.name, c.signature()))
        f.write("#endif\n")


def write_dispatch_header(path, cmds):
    with open(path, "w") as f:
        f.write(HEADER)
        f.write("#ifndef GLCR_GL_DISPATCH_H\n#define GLCR_GL_DISPATCH_H\n#include <stdint.h>\n"
                "#include \"glcr_gl.h\"\n\n")
        f.write("enum glcr_cmd {\n")
        for i, c in enumerate(cmds):
            f.write("    GLCR_CMD_%s = %d,\n" % (c.name, i))
        f.write("    GLCR_CMD_COUNT = %d\n};\n\n" % len(cmds))
        for c in cmds:
            f.write("typedef %s (*glcr_pfn_%s)(%s);\n" % (c.ret, c.name, c.signature()))
        f.write("\n/* One pointer per command. glcr_driver: the driver half's functions (resolved\n"
                " * lazily). glcr_api: what the exported entry points call (hook, wrapper or driver). */\n")
        f.write("struct glcr_gl_table {\n")
        for c in cmds:
            f.write("    glcr_pfn_%s %s;\n" % (c.name, c.short))
        f.write("};\n")
        f.write("union glcr_gl_dispatch {\n    struct glcr_gl_table t;\n    void *slot[GLCR_CMD_COUNT];\n};\n")
        f.write("extern union glcr_gl_dispatch glcr_driver_u, glcr_api_u;\n")
        f.write("#define glcr_driver (glcr_driver_u.t)\n#define glcr_api (glcr_api_u.t)\n\n")
        for c in cmds:
            if c.hooked and not c.xlate:
                f.write("%s hook_%s(%s);\n" % (c.ret, c.name, c.signature()))
        f.write("\nenum glcr_category {\n")
        for i, cat in enumerate(CATEGORIES):
            f.write("    GLCR_CAT_%s = %d,\n" % (cat.upper(), i))
        f.write("};\n")
        f.write(
            "enum glcr_cmd_flags {\n"
            "    GLCR_CMD_HOOKED = 1 << 0,      /* a hand-written hook replaces it */\n"
            "    GLCR_CMD_COVERED = 1 << 1,     /* its effect is captured by a snapshot */\n"
            "    GLCR_CMD_TAINTS = 1 << 2,      /* changes state glcr cannot restore yet */\n"
            "    GLCR_CMD_LIST_RENDER = 1 << 3, /* compiled into display lists (GLX render) */\n"
            "    GLCR_CMD_LIST_IMMEDIATE = 1 << 4, /* executed, not compiled, inside glNewList */\n"
            "    GLCR_CMD_PACKABLE = 1 << 5,    /* all arguments can be serialised */\n"
            "};\n"
            "struct glcr_param_meta {\n"
            "    const char *name, *type, *obj_class, *len;\n"
            "};\n"
            "struct glcr_cmd_meta {\n"
            "    const char *name;\n"
            "    uint8_t category;\n"
            "    uint8_t flags;\n"
            "    uint8_t param_count;\n"
            "    const struct glcr_param_meta *params;\n"
            "};\n"
            "extern const struct glcr_cmd_meta glcr_cmd_meta[GLCR_CMD_COUNT];\n"
            "/* Resolver stubs and hooks, per command: what glcr_driver / glcr_api start with. */\n"
            "extern void *const glcr_resolver_slot[GLCR_CMD_COUNT];\n"
            "extern void *const glcr_hook_slot[GLCR_CMD_COUNT];\n"
            "extern void *const glcr_taint_slot[GLCR_CMD_COUNT];\n"
            "extern void *const glcr_listrec_slot[GLCR_CMD_COUNT];\n"
            "/* Wrappers that sync persistent buffer mappings around the command, or NULL. */\n"
            "extern void *const glcr_mapsync_slot[GLCR_CMD_COUNT];\n"
            "/* Exported entry points by name (sorted), for glXGetProcAddress. */\n"
            "struct glcr_proc { const char *name; void (*proc)(void); };\n"
            "extern const struct glcr_proc glcr_gl_procs[GLCR_CMD_COUNT];\n"
            "/* Serialised calls (display-list contents). Returns bytes written, or 0 when the\n"
            " * command cannot be serialised with these arguments. */\n"
            "struct glcr_buf;\n"
            "/* GL enum names by value (sorted), for messages. */\n"
            "struct glcr_enum_name { unsigned value; const char *name; };\n"
            "extern const struct glcr_enum_name glcr_enum_names[];\n"
            "extern const unsigned glcr_enum_name_count;\n"
            "/* The name of a GL enum value for messages (\"0x...\" in a static buffer if unknown). */\n"
            "const char *glcr_enum_name(unsigned value);\n"
            "/* Re-executes one serialised call through glcr_api; returns its size. */\n"
            "size_t glcr_call_replay(const unsigned char *rec);\n"
            "#endif\n")


def write_entry_c(path, cmds):
    with open(path, "w") as f:
        f.write(HEADER)
        f.write('#include <stddef.h>\n#include "gl_dispatch.h"\n#include "intercept/dispatch.h"\n#include "gl_calls.h"\n#include "state/names.h"\n#include "state/syncs.h"\n\n')
        # Entry points.
        for c in cmds:
            if c.returns():
                f.write("GLCR_EXPORT %s %s(%s)\n{\n    GLCR_ENTER();\n    %s r = glcr_api.%s(%s);\n"
                        "    GLCR_LEAVE();\n    return r;\n}\n"
                        % (c.ret, c.name, c.signature(), c.ret, c.short, c.args()))
            else:
                f.write("GLCR_EXPORT void %s(%s)\n{\n    GLCR_ENTER();\n    glcr_api.%s(%s);\n"
                        "    GLCR_LEAVE();\n}\n" % (c.name, c.signature(), c.short, c.args()))
        # Lazy resolvers: the first call looks the function up in the driver half.
        for i, c in enumerate(cmds):
            ret = "return " if c.returns() else ""
            fail = "return (%s)0;" % c.ret if c.returns() else "return;"
            f.write("static %s resolve_%s(%s)\n{\n    if (!glcr_resolve(%d))\n        %s\n"
                    "    %sglcr_driver.%s(%s);\n}\n"
                    % (c.ret, c.name, c.signature(), i, fail, ret, c.short, c.args()))
        for i, c in enumerate(cmds):
            if c.xlate:
                write_xlate(f, i, c)
        # Taint wrappers: mark once, then step aside.
        for i, c in enumerate(cmds):
            if not (c.flags & 4):
                continue
            ret = "return " if c.returns() else ""
            f.write("static %s taint_%s(%s)\n{\n    glcr_taint(%d);\n    %sglcr_driver.%s(%s);\n}\n"
                    % (c.ret, c.name, c.signature(), i, ret, c.short, c.args()))
        # Display-list wrappers, installed only while a list is being compiled: record what
        # GLX calls "render" commands, refuse what may be compiled but cannot be recorded.
        for i, c in enumerate(cmds):
            if not listrec_kind(c):
                continue
            ret = "return " if c.returns() else ""
            if listrec_kind(c) == "record" and not c.returns():
                # A list held by glcr (its driver copy went with a reload) is only recorded
                # while it is compiled with GL_COMPILE: the driver is not compiling it.
                body = ("    if (glcr_list_compiling()) {\n        glcr_list_record_%s(%s);\n"
                        "        if (glcr_list_held())\n            return;\n    }\n" % (c.name, c.args()))
            elif listrec_kind(c) == "record":
                body = "    if (glcr_list_compiling())\n        glcr_list_record_%s(%s);\n" % (c.name, c.args())
            else:
                body = "    if (glcr_list_compiling())\n        glcr_list_unrecordable(%d);\n" % i
            f.write("static %s listrec_%s(%s)\n{\n%s    %s((glcr_pfn_%s)glcr_list_forward(%d))(%s);\n}\n"
                    % (c.ret, c.name, c.signature(), body, ret, c.name, i, c.args()))
        for i, c in enumerate(cmds):
            if MAP_SYNC_BEFORE_RE.match(c.name):
                write_map_sync(f, i, c)
        f.write("\nunion glcr_gl_dispatch glcr_driver_u = {.slot = {\n")
        for c in cmds:
            f.write("    (void *)resolve_%s,\n" % c.name)
        f.write("}};\n")
        f.write("void *const glcr_resolver_slot[GLCR_CMD_COUNT] = {\n")
        for c in cmds:
            f.write("    (void *)resolve_%s,\n" % c.name)
        f.write("};\n")
        f.write("void *const glcr_hook_slot[GLCR_CMD_COUNT] = {\n")
        for c in cmds:
            f.write("    (void *)%s,\n" % hook_name(c) if c.hooked else "    NULL,\n")
        f.write("};\n")
        f.write("void *const glcr_taint_slot[GLCR_CMD_COUNT] = {\n")
        for c in cmds:
            f.write("    (void *)taint_%s,\n" % c.name if c.flags & 4 else "    NULL,\n")
        f.write("};\n")
        f.write("union glcr_gl_dispatch glcr_api_u = {.slot = {\n")
        for c in cmds:
            if c.hooked:
                f.write("    (void *)%s,\n" % hook_name(c))
            elif c.flags & 4:
                f.write("    (void *)taint_%s,\n" % c.name)
            else:
                f.write("    (void *)resolve_%s,\n" % c.name)
        f.write("}};\n")
        f.write("void *const glcr_listrec_slot[GLCR_CMD_COUNT] = {\n")
        for c in cmds:
            if listrec_kind(c):
                f.write("    (void *)listrec_%s,\n" % c.name)
            else:
                f.write("    NULL,\n")
        f.write("};\n")
        f.write("void *const glcr_mapsync_slot[GLCR_CMD_COUNT] = {\n")
        for c in cmds:
            f.write("    (void *)mapsync_%s,\n" % c.name if MAP_SYNC_BEFORE_RE.match(c.name) else "    NULL,\n")
        f.write("};\n")
        f.write("const struct glcr_proc glcr_gl_procs[GLCR_CMD_COUNT] = {\n")
        for c in sorted(cmds, key=lambda c: c.name):
            f.write('    {"%s", (void (*)(void))%s},\n' % (c.name, c.name))
        f.write("};\n")
        # Metadata.
        for i, c in enumerate(cmds):
            if not c.params:
                continue
            f.write("static const struct glcr_param_meta params_%d[] = {\n" % i)
            for p in c.params:
                f.write('    {"%s", "%s", %s, %s},\n' % (
                    p.name, p.ctype, cstr(p.obj_class), cstr(p.len)))
            f.write("};\n")
        f.write("const struct glcr_cmd_meta glcr_cmd_meta[GLCR_CMD_COUNT] = {\n")
        for i, c in enumerate(cmds):
            f.write('    {"%s", GLCR_CAT_%s, 0x%x, %d, %s},\n' % (
                c.name, c.category.upper(), c.flags, len(c.params),
                "params_%d" % i if c.params else "NULL"))
        f.write("};\n")


def write_map_sync(f, i, c):
    """Pushes the app's writes to persistent mappings before the command (and, after a wait,
    pulls what the GPU wrote), then calls what glcr_api would hold without the wrapper."""
    ret_decl = "%s result = " % c.ret if c.returns() else ""
    after = "    glcr_maps_after_wait();\n" if c.name in MAP_SYNC_AFTER else ""
    ret = "    return result;\n" if c.returns() else ""
    f.write("static %s mapsync_%s(%s)\n{\n    glcr_maps_before_gpu();\n"
            "    %s((glcr_pfn_%s)glcr_map_sync_forward(%d))(%s);\n%s%s}\n"
            % (c.ret, c.name, c.signature(), ret_decl, c.name, i, c.args(), after, ret))


def listrec_kind(c):
    """What a command does while a display list is compiled: None (runs as usual)."""
    if c.flags & 8:
        return "record" if c.flags & 32 else "refuse"
    if c.flags & 16 or c.name in ("glNewList", "glEndList"):
        return None
    return "refuse"


def xlate_params(c):
    return [p for p in c.params if p.obj_class in VIRTUALIZED and p.base_type() in ("GLuint", "GLhandleARB")]


def sync_params(c):
    return [p for p in c.params if p.obj_class == SYNC_CLASS and p.ctype == "GLsync"]


def returns_sync(c):
    return c.ret_class == SYNC_CLASS and c.ret.strip() == "GLsync"


def translatable(c):
    """Array parameters of names need a length glcr can evaluate."""
    names = {q.name for q in c.params}
    return all(not p.is_pointer or (p.len in names or (p.len or "").isdigit()) for p in xlate_params(c))


def write_xlate(f, i, c):
    """A wrapper that translates virtual object names to real ones (and back for outputs)."""
    ret = "" if not c.returns() else "%s result = " % c.ret
    f.write("static %s xlate_%s(%s)\n{\n" % (c.ret, c.name, c.signature()))
    if c.flags & 4:
        f.write("    glcr_taint_once(%d);\n" % i)
    after = []
    call_args = []
    for p in c.params:
        obj = VIRTUALIZED.get(p.obj_class) if p in xlate_params(c) else None
        if p in sync_params(c):
            if c.category == "delete":
                f.write("    GLsync virt_%s = %s;\n" % (p.name, p.name))
                after.append("    glcr_sync_forget(virt_%s);\n" % p.name)
            f.write("    %s = glcr_sync_real(%s);\n" % (p.name, p.name))
            call_args.append(p.name)
        elif obj is None:
            call_args.append(p.name)
        elif not p.is_pointer:
            f.write("    %s = glcr_name_real(%s, %s);\n" % (p.name, obj, p.name))
            call_args.append(p.name)
        elif p.is_const:
            f.write("    GLuint buf_%s[16];\n    const GLuint *real_%s = glcr_names_real(%s, %s, %s, buf_%s, 16);\n"
                    % (p.name, p.name, obj, p.len, p.name, p.name))
            call_args.append("real_%s" % p.name)
            if c.category == "delete":
                after.append("    glcr_names_forget(%s, %s, %s);\n" % (obj, p.len, p.name))
            after.append("    glcr_names_release(real_%s, buf_%s, %s);\n" % (p.name, p.name, p.name))
        else:
            call_args.append(p.name)
            if c.category == "create":
                after.append("    glcr_names_adopt(%s, %s, %s);\n" % (obj, p.len, p.name))
            else:
                after.append("    glcr_names_virtual(%s, %s, %s);\n" % (obj, p.len, p.name))
    f.write("    %sglcr_driver.%s(%s);\n" % (ret, c.short, ", ".join(call_args)))
    for a in after:
        f.write(a)
    if returns_sync(c):
        f.write("    result = glcr_sync_adopt(result);\n")
    elif c.returns() and c.ret_class in VIRTUALIZED:
        fn = "glcr_name_adopt_one" if c.category == "create" else "glcr_name_virtual"
        f.write("    result = %s(%s, result);\n" % (fn, VIRTUALIZED[c.ret_class]))
    if c.returns():
        f.write("    return result;\n")
    f.write("}\n")


def hook_name(c):
    return "xlate_" + c.name if c.xlate else "hook_" + c.hook_target


def cstr(s):
    return '"%s"' % s.replace('"', '\\"') if s is not None else "NULL"


def write_calls_c(path, cmds):
    """Pack: append a call to the display-list record. Replay: call glcr_api with it."""
    with open(path, "w") as f:
        f.write(HEADER)
        f.write('#include <string.h>\n#include "gl_dispatch.h"\n#include "intercept/dispatch.h"\n'
                '#include "state/calls.h"\n\n')
        for i, c in enumerate(cmds):
            if listrec_kind(c) != "record":
                continue
            f.write("void glcr_list_record_%s(%s)\n{\n" % (c.name, c.signature()))
            f.write("    struct glcr_call_writer rec_;\n")
            f.write("    if (!glcr_call_begin(&rec_, %d))\n        return;\n" % i)
            for p in c.params:
                if p.is_pointer:
                    f.write("    glcr_call_put_ptr(&rec_, %s, %s);\n" % (p.name, length_expr(c, p)))
                else:
                    f.write("    glcr_call_put_scalar(&rec_, &%s, sizeof(%s));\n" % (p.name, p.name))
            f.write("    glcr_call_end(&rec_);\n}\n")
        f.write("\nsize_t glcr_call_replay(const unsigned char *rec)\n{\n"
                "    struct glcr_call_reader r;\n    uint32_t cmd = glcr_call_open(&r, rec);\n"
                "    switch (cmd) {\n")
        for i, c in enumerate(cmds):
            if listrec_kind(c) != "record":
                continue
            f.write("    case %d: {\n" % i)
            args = []
            for j, p in enumerate(c.params):
                if p.is_pointer:
                    f.write("        %s a%d = (%s)glcr_call_get_ptr(&r);\n" % (p.ctype, j, p.ctype))
                else:
                    f.write("        %s a%d;\n        glcr_call_get_scalar(&r, &a%d, sizeof(a%d));\n"
                            % (p.ctype, j, j, j))
                args.append("a%d" % j)
            f.write("        glcr_api.%s(%s);\n        break;\n    }\n" % (c.short, ", ".join(args)))
        f.write("    default:\n        glcr_call_unknown(cmd);\n    }\n    return r.size;\n}\n")


def write_calls_header(path, cmds):
    with open(path, "w") as f:
        f.write(HEADER)
        f.write("#ifndef GLCR_GL_CALLS_H\n#define GLCR_GL_CALLS_H\n#include \"gl_dispatch.h\"\n")
        for c in cmds:
            if listrec_kind(c) == "record":
                f.write("void glcr_list_record_%s(%s);\n" % (c.name, c.signature()))
        f.write("#endif\n")


def write_split_c(path, cmds):
    """Trampolines into the split lower half: switch the FS base to the thread's lower TCB,
    call the driver, switch back. No stack protector: the canary is read through FS."""
    with open(path, "w") as f:
        f.write(HEADER + '#include "gl_dispatch.h"\n#include "lower/fsswitch.h"\n\n')
        f.write("void *glcr_lower_fn[GLCR_CMD_COUNT];\n\n")
        for i, c in enumerate(cmds):
            ret_decl = "%s r = " % c.ret if c.returns() else ""
            ret = "    return r;\n" if c.returns() else ""
            f.write("__attribute__((no_stack_protector)) static %s split_%s(%s)\n{\n"
                    "    uint64_t upper = glcr_fs_enter();\n"
                    "    %s((glcr_pfn_%s)glcr_lower_fn[%d])(%s);\n"
                    "    glcr_fs_leave(upper);\n%s}\n"
                    % (c.ret, c.name, c.signature(), ret_decl, c.name, i, c.args(), ret))
        f.write("\nvoid *const glcr_split_slot[GLCR_CMD_COUNT] = {\n")
        for c in cmds:
            f.write("    (void *)split_%s,\n" % c.name)
        f.write("};\n")


def write_enum_table(path, enums):
    """GL enum names by value, for messages (first name wins for aliased values)."""
    by_value = {}
    for name, value in enums.items():
        try:
            v = int(value.rstrip("uUlL"), 0)
        except ValueError:
            continue
        if 0 <= v < 0x100000 and v not in by_value:
            by_value[v] = name
    with open(path, "w") as f:
        f.write(HEADER + '#include <stdio.h>\n#include "gl_dispatch.h"\n\n')
        f.write("const struct glcr_enum_name glcr_enum_names[] = {\n")
        for v in sorted(by_value):
            f.write('    {0x%x, "%s"},\n' % (v, by_value[v]))
        f.write("};\nconst unsigned glcr_enum_name_count = %d;\n" % len(by_value))
        f.write("\nconst char *glcr_enum_name(unsigned value)\n{\n"
                "    unsigned lo = 0, hi = glcr_enum_name_count;\n"
                "    while (lo < hi) {\n"
                "        unsigned mid = (lo + hi) / 2;\n"
                "        if (glcr_enum_names[mid].value == value)\n"
                "            return glcr_enum_names[mid].name;\n"
                "        if (glcr_enum_names[mid].value < value)\n"
                "            lo = mid + 1;\n"
                "        else\n"
                "            hi = mid;\n"
                "    }\n"
                "    static __thread char unknown[16];\n"
                "    snprintf(unknown, sizeof unknown, \"0x%x\", value);\n"
                "    return unknown;\n}\n")


def write_glx_procs(c_path, h_path, required):
    """glXGetProcAddress's table of GLX functions; a missing implementation fails the link."""
    with open(h_path, "w") as f:
        f.write(HEADER + "#ifndef GLCR_GLX_PROCS_H\n#define GLCR_GLX_PROCS_H\n#include \"glcr_glx.h\"\n"
                "__GLXextFuncPtr glcr_glx_proc(const char *name);\n#endif\n")
    with open(c_path, "w") as f:
        f.write(HEADER + "#include <stdlib.h>\n#include <string.h>\n#include \"glx_procs.h\"\n\n")
        f.write("static const struct { const char *name; __GLXextFuncPtr proc; } procs[] = {\n")
        for n in sorted(required):
            f.write('    {"%s", (__GLXextFuncPtr)%s},\n' % (n, n))
        f.write("};\n\nstatic int cmp(const void *k, const void *e)\n{\n"
                "    return strcmp(k, *(const char *const *)e);\n}\n\n"
                "__GLXextFuncPtr glcr_glx_proc(const char *name)\n{\n"
                "    const void *p = bsearch(name, procs, sizeof procs / sizeof *procs, sizeof *procs, cmp);\n"
                "    return p ? ((const __typeof__(procs[0]) *)p)->proc : NULL;\n}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gl", required=True)
    ap.add_argument("--glx", required=True)
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--scan", nargs="*", default=[], help="hand-written sources with hooks")
    a = ap.parse_args()

    gl_root = ET.parse(a.gl).getroot()
    glx_root = ET.parse(a.glx).getroot()
    cmds = read_commands(gl_root)
    by_name = {c.name: c for c in cmds}
    hooks, covers = scan_hand_written(a.scan)
    unknown = (hooks | covers) - set(by_name)
    if unknown:
        sys.exit("gen_gl.py: hooks/covers name commands not in gl.xml: " + ", ".join(sorted(unknown)))

    for c in cmds:
        # Scalar forms (glNormal3f) are compiled into lists like their vector forms.
        if c.glx_type is None:
            for other in (c.vecequiv, c.alias):
                if other in by_name and by_name[other].glx_type:
                    c.glx_type = by_name[other].glx_type
                    break
    for c in cmds:
        # An alias with the same signature shares its target's hook (glBindBufferARB ...).
        target = c.name if c.name in hooks else None
        if target is None and c.alias in hooks and by_name[c.alias].signature() == c.signature():
            target = c.alias
        c.hooked = target is not None
        c.hook_target = target
        c.covered = c.name in covers or (c.alias in covers)
        flags = 0
        if c.hooked:
            flags |= 1
        if c.covered:
            flags |= 2
        if not c.hooked and not c.covered and c.category in STATEFUL:
            flags |= 4
        # Names of virtualized objects are translated by a generated wrapper.
        returns_name = c.ret_class in VIRTUALIZED and c.ret.strip() in ("GLuint", "GLhandleARB")
        has_names = bool(xlate_params(c)) or returns_name or bool(sync_params(c)) or returns_sync(c)
        c.xlate = not c.hooked and has_names and translatable(c)
        if not c.hooked and xlate_params(c) and not translatable(c):
            flags |= 4  # names glcr cannot translate: using it at all is unrestorable
        if c.xlate:
            c.hooked = True
            flags |= 1
        if re.sub(r"(EXT|ARB)$", "", c.name) in NEVER_COMPILED:
            flags |= 16
        elif c.glx_type == "render":
            flags |= 8
        elif c.glx_type in ("single", "vendor") or c.category in ("query", "create", "delete"):
            flags |= 16
        if all((not p.is_pointer) or (p.is_const and length_expr(c, p)) for p in c.params):
            flags |= 32
        c.flags = flags

    glx_cmds = {c.name: c for c in read_commands(glx_root)}
    required = glx_required_names(glx_root)

    os.makedirs(a.out_dir, exist_ok=True)
    out = lambda n: os.path.join(a.out_dir, n)
    write_gl_header(out("glcr_gl.h"), gl_root, read_enums(gl_root, "GL_"))
    write_glx_header(out("glcr_glx.h"), glx_root, read_enums(glx_root, "GLX_"), glx_cmds, required)
    write_dispatch_header(out("gl_dispatch.h"), cmds)
    write_entry_c(out("gl_entry.c"), cmds)
    write_calls_header(out("gl_calls.h"), cmds)
    write_enum_table(out("gl_enums.c"), read_enums(gl_root, "GL_"))
    write_split_c(out("gl_split.c"), cmds)
    write_calls_c(out("gl_calls.c"), cmds)
    write_glx_procs(out("glx_procs.c"), out("glx_procs.h"), required)


if __name__ == "__main__":
    main()
