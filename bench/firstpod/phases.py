#!/usr/bin/env python3
# Per pod, from a kept run's out.log: Pending -> cgroup created -> Running (ms), and exec -> first log line.
import re, sys, datetime
def t(s): h, m, rest = s.split(":"); return (int(h) * 3600 + int(m) * 60 + float(rest)) * 1000
for d in sys.argv[1:]:
    ex = t(open(d + "/exec.txt").read().strip())
    pods = {}
    first = None
    for line in open(d + "/out.log"):
        m = re.match(r"[IWE]\d{4} (\S+) (.*)", line)
        if not m: continue
        ts = t(m.group(1)); msg = m.group(2)
        first = first or ts
        p = re.search(r"pod default/(\S+)", msg)
        if not p: continue
        e = pods.setdefault(p.group(1), {})
        if "phase (new) -> Pending" in msg: e["pending"] = ts
        if "cgroup" in msg and "created" in msg: e["cgroup"] = ts
        if "phase Pending -> Running" in msg: e["running"] = ts
    print(d, f"exec->first log {first - ex:.0f}", " | ".join(f"{k}: exec->Pending {v.get('pending', 0) - ex:.0f}, Pending->cgroup {v.get('cgroup', 0) - v.get('pending', 0):.0f}, cgroup->Running {v.get('running', 0) - v.get('cgroup', 0):.0f}" for k, v in pods.items()))
