#!/usr/bin/env python3
"""Times a terminal mail program in a private tmux server, for scripts/bench-scale.

    bench_tui.py screen  HOME READY [--labelled] -- PROGRAM ARGS...
    bench_tui.py keys    HOME COUNT -- PROGRAM ARGS...

`screen` starts PROGRAM in a 160x48 tmux window (HOME, XDG_* under HOME, NO_COLOR=1) and prints the seconds
until the screen matches the regex READY (the first full screen), and with --labelled also until the
status bar no longer says "analysed N/M" (every row labelled); it then waits 1.5 s (the cache writer's
batches) and quits with `q`.
`keys` starts PROGRAM, waits for the first screen, opens the search prompt and types COUNT letters one at a
time while the list is still being analysed, timing each from `tmux send-keys` until the letter shows in the
prompt (Escape and `/` again every 20 letters); it prints the p50 and p99 in ms and when the keys were
sent (seconds after start). Those include tmux's own latency (a send-keys and a capture-pane
client process each, polled every 2 ms, and
longer waits at 1/100 of the time waited): an upper bound on mailvet's key-to-frame time.
The screen is read with `tmux capture-pane`, so every figure is what a user would see.
"""

import os
import re
import subprocess
import sys
import time

SOCKET = "mailvet-bench-%d" % os.getpid()
# The screen is polled every 2 ms at first; a longer wait is polled at 1/100 of the time waited so far (at
# most 50 ms): each poll starts a tmux client, and polling a 20-second wait every 2 ms would take a core from
# the program timed. The figure is then at most 1 % (or 2 ms) late.
POLL = 0.002
POLL_SHARE = 0.01
POLL_MAX = 0.05


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)


def screen():
    return tmux("capture-pane", "-p", "-t", "b").stdout


def start(home, program):
    env = ["env", "-i", "HOME=" + home, "XDG_CONFIG_HOME=" + home + "/config",
           "XDG_DATA_HOME=" + home + "/data", "XDG_CACHE_HOME=" + home + "/cache",
           "XDG_STATE_HOME=" + home + "/state", "TERM=xterm-256color", "NO_COLOR=1",
           "PATH=" + os.environ.get("PATH", "")]
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


def main():
    argv = sys.argv[1:]
    split = argv.index("--")
    opts, program = argv[:split], argv[split + 1:]
    mode, home = opts[0], opts[1]
    if mode == "screen":
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
        count = int(opts[2])
        t0 = start(home, program)
        wait(r"[1-9][0-9]* shown", t0)
        times, typed = [], ""
        began = time.monotonic() - t0
        for i in range(count):
            if not typed:
                tmux("send-keys", "-t", "b", "/")
                wait(r"(?m)^ search:\s*$", time.monotonic(), limit=30)
            letter = "qwertyuiopasdfghjklzxcvbnm"[i % 26]
            typed += letter
            t = time.monotonic()
            tmux("send-keys", "-t", "b", "-l", letter)
            wait(r"(?m)^ search: %s\s*$" % typed, t, limit=30)
            times.append((time.monotonic() - t) * 1000)
            if len(typed) >= 20:
                tmux("send-keys", "-t", "b", "Escape")
                typed = ""
                wait(r" shown", time.monotonic(), limit=30, absent=r"(?m)^ search:")
        # The search prompt hides the status bar's "analysed N/M": say when the keys were sent instead, to
        # compare with the cold "every row labelled" time.
        print("keys=%d p50_ms=%.1f p99_ms=%.1f sent_from_s=%.1f to_s=%.1f after_start" % (
            len(times), percentile(times, 50), percentile(times, 99), began, time.monotonic() - t0))
        tmux("send-keys", "-t", "b", "Escape")
        time.sleep(0.3)
        quit_program()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
