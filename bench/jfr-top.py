#!/usr/bin/env python3
"""Summarises the CPU samples of a JFR recording: methods by self time and by total (inclusive) time.

Usage: bench/jfr-top.py profile.jfr [rows] [filter-substring]
Needs the JDK's `jfr` tool on the PATH.
"""
import json, subprocess, sys, collections

path = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 25
only = sys.argv[3] if len(sys.argv) > 3 else None
out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", path],
                     check=True, capture_output=True, text=True).stdout
events = json.loads(out)["recording"]["events"]
self_t, total_t = collections.Counter(), collections.Counter()
n = 0
for e in events:
    frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
    names = [f["method"]["type"]["name"].split(".")[-1] + "." + f["method"]["name"] for f in frames]
    if only and not any(only in x for x in names):
        continue
    n += 1
    if names:
        self_t[names[0]] += 1
    for name in set(names):
        total_t[name] += 1
print(f"{n} samples")
print("-- self --")
for k, v in self_t.most_common(rows):
    print(f"{100*v/n:5.1f}% {k}")
print("-- total --")
for k, v in total_t.most_common(rows):
    print(f"{100*v/n:5.1f}% {k}")
