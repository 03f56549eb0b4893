#!/usr/bin/env python3
"""Time from starting a program in a fresh tmux terminal (120x40) to its first screen.

usage: first_frame.py [--runs N] [--env K=V]... [--before CMD] [--after CMD] [--session]
                      -- PROGRAM ARGS...

The first screen is the first capture holding "周" (a weekday of the date list; the
reference program prints it). Prints the median in milliseconds. --before/--after run a
shell command around each run (untimed). --session then browses like a user (whole-archive
scope, a category, a search) and quits, for memory measurements.
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


def wait_for(text, limit=30.0):
    start = time.perf_counter()
    while text not in screen():
        if time.perf_counter() - start > limit:
            sys.exit(f"timed out waiting for {text!r}:\n{screen()}")
        time.sleep(0.002)
    return time.perf_counter()


def keys(*k):
    tmux("send-keys", *k)


def main():
    args = sys.argv[1:]
    runs, env, before, after, session = 5, dict(os.environ), None, None, False
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
        times.append((wait_for("周") - start) * 1000)
        if session:
            keys("a", "a", "a")
            wait_for("全部存档")
            keys("c", "j", "j", "Enter")
            time.sleep(0.5)
            keys("/")
            tmux("send-keys", "-l", "英伟达")
            wait_for("results")
            keys("Enter", "Enter", "n")
            time.sleep(0.5)
            keys("Escape", "Escape", "q")
            time.sleep(1.0)
        tmux("kill-server", stderr=subprocess.DEVNULL)
        if after:
            subprocess.run(after, shell=True, check=True)
    print(f"{statistics.median(times) / 1000:.4f}")


main()
