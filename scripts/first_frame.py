#!/usr/bin/env python3
"""Time from starting a program in a fresh tmux terminal (120x40) to its first screen.

usage: first_frame.py [--runs N] [--env K=V]... [--before CMD] [--after CMD]
                      [--session [--mark-all-read]]
                      [--until-gone TEXT | --seen-then-gone TEXT] -- PROGRAM ARGS...

The first screen is the first capture holding "周" (a weekday of the date list; the
reference program prints it); with --until-gone, the first such capture without TEXT; with
--seen-then-gone, the first without TEXT after one with it (indexing that has started
before it is over).
Prints the median in seconds. --before/--after run a
shell command around each run (untimed). --session then browses like a user (whole-archive
scope, a category, a search) and quits, for memory measurements; with --mark-all-read it
marks the whole archive read first (`A` twice), then reads one story more.
"""
import os
import statistics
import subprocess
import sys
import time

SOCKET = "ribao-first-frame"


def tmux(*args, **kw):
    return subprocess.run(["tmux", "-L", SOCKET, *args], **kw)


def screen():
    return tmux("capture-pane", "-p", capture_output=True, text=True).stdout


def wait_for(text, limit=30.0, gone=None):
    start = time.perf_counter()
    while True:
        shown = screen()
        if text in shown and (gone is None or gone not in shown):
            return time.perf_counter()
        if time.perf_counter() - start > limit:
            sys.exit(f"timed out waiting for {text!r}:\n{shown}")
        time.sleep(0.002)


def keys(*k):
    tmux("send-keys", *k)


def main():
    args = sys.argv[1:]
    runs, env, before, after, session, gone = 5, dict(os.environ), None, None, False, None
    mark_all = False
    seen_first = False
    while args and args[0] != "--":
        flag = args.pop(0)
        if flag == "--runs":
            runs = int(args.pop(0))
        elif flag == "--env":
            k, v = args.pop(0).split("=", 1)
            env[k] = v
        elif flag == "--before":
            before = args.pop(0)
        elif flag == "--after":
            after = args.pop(0)
        elif flag == "--session":
            session = True
        elif flag == "--mark-all-read":
            mark_all = True
        elif flag == "--until-gone":
            gone = args.pop(0)
        elif flag == "--seen-then-gone":
            gone, seen_first = args.pop(0), True
        else:
            sys.exit(__doc__)
    command = args[1:]
    times = []
    for _ in range(runs):
        tmux("kill-server", stderr=subprocess.DEVNULL)
        if before:
            subprocess.run(before, shell=True, check=True)
        start = time.perf_counter()
        tmux("new-session", "-d", "-x", "120", "-y", "40", *command, env=env, check=True)
        if seen_first:
            wait_for(gone, limit=60.0)
        times.append((wait_for("周", limit=60.0, gone=gone) - start) * 1000)
        if session:
            keys("a", "a", "a")
            wait_for("全部存档")
            if mark_all:
                keys("A")
                time.sleep(0.2)
                keys("A")
                wait_for("stories read")
                keys("K", "r")
            keys("c", "j", "j", "Enter")
            time.sleep(0.5)
            keys("/")
            tmux("send-keys", "-l", "英伟达")
            wait_for("results")
            keys("Enter", "Enter", "n")
            time.sleep(0.5)
            # The search closed onto the story read; Esc leaves it (`q` there goes back too).
            keys("Escape", "Escape", "Escape", "q")
            time.sleep(1.0)
        tmux("kill-server", stderr=subprocess.DEVNULL)
        if after:
            subprocess.run(after, shell=True, check=True)
    print(f"{statistics.median(times) / 1000:.4f}")


main()
