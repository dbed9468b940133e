#!/usr/bin/env python3
"""Times a terminal mail program in a private tmux server, for scripts/bench-scale.

    bench_tui.py screen  HOME READY [--labelled] [--tmux] -- PROGRAM ARGS...
    bench_tui.py keys    HOME COUNT -- PROGRAM ARGS...

`screen` starts PROGRAM on a 160x48 pseudo-terminal of its own (HOME, XDG_* under HOME, NO_COLOR=1), reads
its output into a small screen model as it comes, and prints the seconds until the screen matches the regex
READY (the first full screen), and with --labelled also until the status bar no longer says "analysed N/M"
(every row labelled); it then waits 1.5 s (the cache writer's batches) and quits with `q`. Nothing polls:
the figure is when the program's output made the screen so. With --tmux (for programs whose output the
small model does not follow, such as neomutt) it runs in a tmux window instead, polled with
`tmux capture-pane`.
`keys` starts PROGRAM on a pseudo-terminal of its own (160x48, no tmux), waits for the first screen, opens
the search prompt and types COUNT letters one at a time while the list is still being analysed, timing each
from the write of the letter to the terminal until the program's output draws it in the prompt (Escape and
`/` again every 20 letters); it prints the p50 and p99 in ms and when the keys were sent (seconds after
start). The program's output is read without pause, as a terminal would, and no other process is started
per key, so the figure is the program's key-to-frame time plus the kernel's pty hand-over. With
MAILVET_FRAME_LOG (set for PROGRAM here) it also prints mailvet's own share: from the moment its input
thread read the key to the end of the frame that shows it (`inside_*`).
"""

import codecs
import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time

SOCKET = "mailvet-bench-%d" % os.getpid()
# The screen is polled every 2 ms at first; a longer wait is polled at 1/100 of the time waited so far (at
# most 50 ms): each poll starts a tmux client, and polling a 20-second wait every 2 ms would take a core from
# the program timed. The figure is then at most 1 % (or 2 ms) late.
POLL = 0.002
POLL_SHARE = 0.01
POLL_MAX = 0.05
# Between two letters typed, as a quick typist leaves: the keys then span seconds of the analysis.
GAP = 0.03


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)


def screen():
    return tmux("capture-pane", "-p", "-t", "b").stdout


def environment(home):
    return ["HOME=" + home, "XDG_CONFIG_HOME=" + home + "/config",
            "XDG_DATA_HOME=" + home + "/data", "XDG_CACHE_HOME=" + home + "/cache",
            "XDG_STATE_HOME=" + home + "/state", "TERM=xterm-256color", "NO_COLOR=1",
            "PATH=" + os.environ.get("PATH", "")]


def start(home, program):
    env = ["env", "-i", *environment(home)]
    t0 = time.monotonic()
    out = tmux("-f", "/dev/null", "new-session", "-d", "-x", "160", "-y", "48", "-s", "b", *env, *program)
    if out.returncode != 0:
        sys.exit("tmux: " + out.stderr)
    return t0


def wait(pattern, t0, limit=900, absent=None):
    """Seconds from t0 until the screen matches `pattern` (and, if given, no longer matches `absent`)."""
    regex, gone = re.compile(pattern), absent and re.compile(absent)
    while True:
        text = screen()
        if regex.search(text) and not (gone and gone.search(text)):
            return time.monotonic() - t0, text
        if time.monotonic() - t0 > limit:
            tmux("kill-server")
            sys.exit("gave up after %ds waiting for %r; screen:\n%s" % (limit, pattern, text))
        time.sleep(min(POLL_MAX, max(POLL, (time.monotonic() - t0) * POLL_SHARE)))


def quit_program():
    tmux("send-keys", "-t", "b", "q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and tmux("has-session", "-t", "b").returncode == 0:
        time.sleep(0.05)
    tmux("kill-server")


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


class Screen:
    """The screen a terminal would show for a program's output, as far as the interface writes it: cursor
    moves, erasing, text (one cell per character); styles and modes are ignored."""

    TOKEN = re.compile(rb"\x1b\[([0-9;?]*)([@-~])|\x1b[^\[]|[\r\n]|[^\x1b\r\n]+")

    def __init__(self, rows, cols):
        self.rows, self.cols = rows, cols
        self.grid = [[" "] * cols for _ in range(rows)]
        self.y = self.x = 0
        self.rest = b""
        self.text = codecs.getincrementaldecoder("utf-8")("replace")

    def feed(self, data):
        data, pos = self.rest + data, 0
        while pos < len(data):
            m = self.TOKEN.match(data, pos)
            if not m or (data[pos:pos + 1] == b"\x1b" and m.end() == len(data) and not m.group(2)):
                break  # an escape sequence cut off at the end of this read
            pos = m.end()
            if m.group(2):
                self.control(m.group(1).decode(), m.group(2).decode())
            elif m.group(0) == b"\r":
                self.x = 0
            elif m.group(0) == b"\n":
                self.y = min(self.rows - 1, self.y + 1)
            elif not m.group(0).startswith(b"\x1b"):
                for ch in self.text.decode(m.group(0)):
                    if self.x < self.cols:
                        self.grid[self.y][self.x] = ch
                    self.x += 1
        self.rest = data[pos:]

    def control(self, params, final):
        if final == "H":
            nums = [int(n) if n else 1 for n in params.split(";")] if params else [1, 1]
            self.y = min(self.rows, max(1, nums[0])) - 1
            self.x = min(self.cols, max(1, nums[1] if len(nums) > 1 else 1)) - 1
        elif final == "J" and params in ("2", "3"):
            self.grid = [[" "] * self.cols for _ in range(self.rows)]
        elif final == "K":
            self.grid[self.y][self.x:] = [" "] * (self.cols - self.x)

    def lines(self):
        return "\n".join("".join(row) for row in self.grid)


class Pty:
    """PROGRAM on a pseudo-terminal of its own, ROWS x COLS; its output is read as it comes into a Screen."""

    def __init__(self, home, program, extra_env, rows=48, cols=160):
        env = dict(e.split("=", 1) for e in environment(home))
        env.update(extra_env)
        self.t0 = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvpe(program[0], program, env)
        self.pid, self.fd = pid, fd
        self.screen = Screen(rows, cols)

    def read(self, timeout):
        """Feeds the screen what came within `timeout` seconds; False if nothing did."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:
            chunk = b""
        if not chunk:
            raise EOFError
        self.screen.feed(chunk)
        return True

    def wait(self, pattern, since, limit=60, absent=None):
        """Seconds from `since` until the screen matches `pattern` (and no longer matches `absent`)."""
        regex, gone = re.compile(pattern), absent and re.compile(absent)
        while True:
            if self.read(0.5):
                text = self.screen.lines()
                if regex.search(text) and not (gone and gone.search(text)):
                    return time.monotonic() - since
            if time.monotonic() - since > limit:
                self.stop()
                sys.exit("gave up after %ds waiting for %r; screen:\n%s" % (
                    limit, pattern, self.screen.lines()))

    def pause(self, seconds):
        """Reads the output for `seconds` (the screen keeps up meanwhile)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.read(end - time.monotonic())

    def write(self, data):
        os.write(self.fd, data)

    def stop(self):
        try:
            self.write(b"q")
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                self.read(0.1)
        except (EOFError, OSError):
            pass
        try:
            os.kill(self.pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)


def keys(home, count, program):
    """Key-to-frame on a pty of its own: letters typed into the search prompt while the list is analysed."""
    log = os.path.join(home, "frames.log")
    term = Pty(home, program, {"MAILVET_FRAME_LOG": log})
    term.wait(r"[1-9][0-9]* shown", term.t0)
    began = time.monotonic() - term.t0
    times, typed = [], ""
    for i in range(count):
        if not typed:
            term.write(b"/")
            term.wait(r"(?m)^ search:\s*$", time.monotonic())
        letter = "qwertyuiopasdfghjklzxcvbnm"[i % 26]
        typed += letter
        term.pause(GAP)
        t = time.monotonic()
        term.write(letter.encode())
        times.append(term.wait(r"(?m)^ search: %s\s*$" % typed, t) * 1000)
        if len(typed) >= 20:
            term.write(b"\x1b")
            term.wait(r" shown", time.monotonic(), absent=r"(?m)^ search:")
            typed = ""
    ended = time.monotonic() - term.t0
    term.stop()
    inside = []
    with open(log) as frames:
        for line in frames:
            fields = line.split()
            if len(fields) >= 5 and fields[1] != "0" and fields[4] != "-":
                inside.append(float(fields[4]))
    print("keys=%d p50_ms=%.1f p99_ms=%.1f sent_from_s=%.1f to_s=%.1f after_start" % (
        len(times), percentile(times, 50), percentile(times, 99), began, ended))
    if inside:
        print("inside_mailvet: frames_with_keys=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f" % (
            len(inside), percentile(inside, 50), percentile(inside, 99), max(inside)))


def main():
    argv = sys.argv[1:]
    split = argv.index("--")
    opts, program = argv[:split], argv[split + 1:]
    mode, home = opts[0], opts[1]
    if mode == "screen" and "--tmux" not in opts:
        ready, labelled = opts[2], "--labelled" in opts
        term = Pty(home, program, {})
        print("first_screen_s=%.3f" % term.wait(ready, term.t0, limit=900))
        if labelled:
            done = term.wait(r"[1-9][0-9]* shown", term.t0, limit=900, absent=r"analysed [0-9]+/")
            print("labelled_s=%.3f" % done)
            term.pause(1.5)
        term.stop()
    elif mode == "screen":
        ready, labelled = opts[2], "--labelled" in opts
        t0 = start(home, program)
        first, _ = wait(ready, t0)
        print("first_screen_s=%.3f" % first)
        if labelled:
            done, _ = wait(r"[1-9][0-9]* shown", t0, absent=r"analysed [0-9]+/")
            print("labelled_s=%.3f" % done)
            time.sleep(1.5)
        quit_program()
    elif mode == "keys":
        keys(home, int(opts[2]), program)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
