"""labs/grader/env.py: the environment a grade was computed in.

results.json records it so a score can be traced to the tools that produced
it: gcc, QEMU and Bochs versions, the graded tree's commit (and whether its
working tree differed from it), and the host.  A missing tool is recorded as
null, not guessed.
"""
import platform
import subprocess


def _first_line(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (out.stdout or out.stderr).strip()
    return text.split("\n")[0] if out.returncode == 0 and text else None


def _dpkg_version(pkg):
    return _first_line(["dpkg-query", "-W", "-f=${Version}", pkg])


def collect(tree="."):
    head = _first_line(["git", "-C", tree, "rev-parse", "HEAD"])
    dirty = _first_line(["git", "-C", tree, "status", "--porcelain", "--untracked-files=no"])
    return {
        "gcc": _first_line(["gcc", "--version"]),
        "qemu": _first_line(["qemu-system-i386", "--version"]),
        "bochs": _dpkg_version("bochs"),
        "commit": head,
        "tree_modified": bool(dirty) if head else None,
        "host": platform.platform(),
        "python": platform.python_version(),
    }
