#!/usr/bin/env python3
"""console.py: drive Lantern's serial console (COM1) as a person would.

Starts `make qemu-nox` (the same QEMU command line: COM1 on stdio) on a
pseudo-terminal, then follows a script of lines:

    # comment
    test <name>        starts a step group: one result, ok - <suite>/<name>
    timeout <seconds>  the deadline of each following expect (default 30)
    expect <text>      wait until <text> appears in COM1's output after the
                       previous match (deadline: no fixed sleeps anywhere)
    send <text>        type <text>, then Enter (a carriage return, as a
                       terminal sends it)
    type <text>        type <text> only (for ^C, ^D, erase: \\x03, \\x04, \\x7f)

<text> takes Python escapes (\\r, \\x03, \\\\).  A group passes when all its
expects matched; on the first miss it fails with the text and the last
output, and every later group fails as not reached (a skip is a failure).
At the end the harness quits QEMU as a person does (Ctrl-a x) and, past a
deadline, ends the process group it started.

Usage: console.py --suite NAME --script FILE --programs "rs vm ..." [--build B]
The run works on its own copy of build/fs/system.img (the disk as built:
build/disk.img, which make qemu-nox attaches, may be an older kept copy) and its own COM2/0xe9 files
(overriding DISK_IMG and QEMU_OUT), so it never touches what `make
qemu-nox` left in build/.  Output: `ok - <suite>/<test>` / `not ok - ...`.
Standard library only (image/deps.sh installs python3).
"""
import argparse
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

QUIT_DEADLINE = 15          # seconds for QEMU to exit after Ctrl-a x


def parse(path):
    """The script as a list of (test name, [(op, arg)])."""
    groups = []
    for n, raw in enumerate(open(path, encoding="utf-8"), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        op, _, arg = line.partition(" ")
        if op == "test":
            groups.append((arg.strip(), []))
        elif op in ("expect", "send", "type", "timeout") and groups:
            groups[-1][1].append((op, arg))
        else:
            sys.exit(f"{path}:{n}: bad line (or a step before the first test): {line!r}")
    return groups


def unescape(text):
    return text.encode("latin-1").decode("unicode_escape")


class Console:
    """The pty's master side: everything QEMU wrote so far, and a cursor."""

    def __init__(self, fd):
        self.fd = fd
        self.out = ""
        self.pos = 0

    def pump(self, until):
        """Read what is there, waiting at most until the time `until`."""
        wait = max(0.0, until - time.monotonic())
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 4096)
        except OSError:              # the other side closed (QEMU is gone)
            return None
        if not data:
            return None
        self.out += data.decode("latin-1").replace("\r", "")
        return True

    def expect(self, text, seconds):
        until = time.monotonic() + seconds
        while True:
            at = self.out.find(text, self.pos)
            if at >= 0:
                self.pos = at + len(text)
                return None
            if time.monotonic() >= until:
                return f"no {text!r} within {seconds} s"
            if self.pump(until) is None:
                return f"no {text!r}: the emulator ended"

    def type(self, text):
        os.write(self.fd, text.encode("latin-1"))

    def tail(self):
        return repr(self.out[-160:])


def run_group(con, steps, state):
    for op, arg in steps:
        if op == "timeout":
            state["timeout"] = float(arg)
        elif op == "expect":
            why = con.expect(unescape(arg), state["timeout"])
            if why:
                return why
        else:
            con.type(unescape(arg) + ("\r" if op == "send" else ""))
    return None


def start(args, work):
    disk = os.path.join(work, "disk.img")
    shutil.copyfile(os.path.join(args.build, "fs", "system.img"), disk)
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}
    cmd = ["make", "--no-print-directory", "-s", "qemu-nox", f"B={args.build}",
           f"PROGRAMS={args.programs}", f"DISK_IMG={disk}",
           f"QEMU_OUT=-serial file:{work}/com2.bin -debugcon file:{work}/e9.bin"]
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env,
                            start_new_session=True)
    os.close(slave)
    return proc, master


def stop(proc, con):
    con.type("\x01x")                        # Ctrl-a x: QEMU's quit key
    until = time.monotonic() + QUIT_DEADLINE
    while proc.poll() is None and time.monotonic() < until:
        con.pump(min(until, time.monotonic() + 0.2))   # drain; poll interval
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)   # our own process group only
        proc.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--suite", required=True)
    ap.add_argument("--script", required=True)
    ap.add_argument("--programs", required=True)
    ap.add_argument("--build", default="build")
    ap.add_argument("--log", help="write everything COM1 showed here")
    args = ap.parse_args()
    groups = parse(args.script)
    work = tempfile.mkdtemp(prefix="lantern-console-")
    proc, master = start(args, work)
    con = Console(master)
    state = {"timeout": 30.0}
    failed = None
    for name, steps in groups:
        if failed:
            print(f"not ok - {args.suite}/{name}: not reached ({failed} failed)")
            continue
        why = run_group(con, steps, state)
        if why:
            failed = name
            print(f"not ok - {args.suite}/{name}: {why}; last output {con.tail()}")
        else:
            print(f"ok - {args.suite}/{name}")
        sys.stdout.flush()
    stop(proc, con)
    if args.log:
        with open(args.log, "w", encoding="latin-1") as f:
            f.write(con.out)
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
