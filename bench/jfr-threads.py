#!/usr/bin/env python3
"""CPU samples of a JFR recording by thread (grouped by name pattern) and, per group, the top frames
of our code and of libraries. Usage: bench/jfr-threads.py recording.jfr [rows]"""
import json, re, subprocess, sys, collections
path = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 12
out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample", path],
                     check=True, capture_output=True, text=True).stdout
events = json.loads(out)["recording"]["events"]
def group(name):
    name = re.sub(r"\d+", "N", name or "?")
    return name
by_group = collections.Counter()
stacks = collections.defaultdict(collections.Counter)
for e in events:
    v = e["values"]
    t = v.get("sampledThread") or {}
    g = group(t.get("javaName") or t.get("osName"))
    by_group[g] += 1
    frames = v["stackTrace"]["frames"] if v.get("stackTrace") else []
    names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in frames]
    for n in set(names):
        stacks[g][n] += 1
total = sum(by_group.values())
print(f"{total} samples")
for g, c in by_group.most_common(rows):
    print(f"{100*c/total:5.1f}% {g}")
    for n, k in stacks[g].most_common(400):
        if any(s in n for s in ("app.phaseo", "JsonConverter.fromConnectData", "KafkaProducer.send", "HttpServer",
                                 "writeValueAsBytes", "readTree", "okhttp3.internal.connection.RealCall.execute",
                                 "WorkerSourceTask", "convertTransformedRecord", "KafkaApis", "UnifiedLog.append",
                                 "Sender.run", "render")) and k / c > 0.04:
            print(f"        {100*k/c:5.1f}% {n}")
