#!/usr/bin/env python3
# tests/host/sh/interactive.py: the interactive shell on a pseudo-terminal.
#
#   python3 tests/host/sh/interactive.py BIN/sh
#
# Starts the host build of our shell on a pty (so isatty(0) holds and
# term.c uses termios, process groups and tcsetpgrp) and types into it:
# every step waits for the expected text with a deadline (no fixed sleeps:
# the output is polled until it arrives or 10 s pass).  Prints
# "ok - sh/interactive_<step>" or "not ok - sh/interactive_<step>: ...";
# exits 1 if any failed.
import os, pty, select, sys, time

DEADLINE = 10.0
sh = sys.argv[1]
pid, fd = pty.fork()
if pid == 0:
    os.environ["PATH"] = os.path.dirname(sh) + ":/bin:/usr/bin"
    os.execv(sh, ["sh"])

out = b""
failed = 0

def wait_for(text):
    """Read until text appears after what was already consumed."""
    global out
    end = time.time() + DEADLINE
    while text not in out and time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.1)   # poll interval inside the deadline
        if r:
            try:
                out += os.read(fd, 4096)
            except OSError:
                break
    found = text in out
    if found:
        out = out[out.index(text) + len(text):]
    return found

def step(name, keys, expect):
    global failed
    if keys:
        os.write(fd, keys)
    if wait_for(expect):
        print("ok - sh/interactive_" + name)
    else:
        failed = 1
        print("not ok - sh/interactive_%s: no %r in %r" % (name, expect, out[-200:]))

step("prompt", b"", b"$ ")
step("command", b"echo hi | cat\r", b"hi\r\n$ ")
step("history_up", b"\x1b[A\r", b"echo hi | cat\r\r\nhi\r\n$ ")
step("edit_left_insert", b"echo bc\x1b[D\x1b[Da\r", b"abc\r\n$ ")
def foreground_is(name):
    """Deadline poll: the terminal's foreground group leader runs `name`
    (exec'ed, so its signals are reset: ^C now reaches it, not the shell)."""
    end = time.time() + DEADLINE
    while time.time() < end:
        try:
            g = os.tcgetpgrp(fd)
            if g != pid and open("/proc/%d/comm" % g).read().strip() == name:
                return True
        except OSError:
            pass
        time.sleep(0.02)      # poll interval inside the deadline
    return False

step("ctrl_c_job", b"sleep 30\r", b"sleep 30")
ok = foreground_is("sleep")
print(("ok - " if ok else "not ok - ") + "sh/interactive_job_owns_terminal" + ("" if ok else ": tcgetpgrp"))
failed |= not ok
os.write(fd, b"\x03")
step("ctrl_c_status", b"echo status $?\r", b"status 130\r\n$ ")
step("background", b"sleep 0 &\r", b"]\r\n$ ")
step("exit", b"exit 3\r", b"")
end = time.time() + DEADLINE
st = None
while time.time() < end:
    p, st = os.waitpid(pid, os.WNOHANG)
    if p == pid:
        break
    time.sleep(0.05)      # poll interval inside the deadline
else:
    os.kill(pid, 9)
ok = st is not None and os.WIFEXITED(st) and os.WEXITSTATUS(st) == 3
print(("ok - " if ok else "not ok - ") + "sh/interactive_exit_status" + ("" if ok else ": %r" % st))
sys.exit(failed or not ok)
