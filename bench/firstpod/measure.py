#!/usr/bin/env python3
# exec -> first static pod Running (GET /pods on the control socket, polled every 2 ms), alternating binaries.
# usage: measure.py ROUNDS BIN[=ENV:VAL,ENV2:VAL] BIN2 ...   (run under flock /tmp/sharplet-build.lock)
# KEEP=1 keeps each run's dir (exec.txt, out.log: see phases.py); SECOND=1 adds a second pod 1 s after the first;
# WRAP="strace -f -tt -o FILE" runs the binary under a wrapper (figures then perturbed: ordering only).
import json, os, shutil, socket, statistics, subprocess, sys, tempfile, time

EP = os.environ.get("CONTAINER_RUNTIME_ENDPOINT", "unix:///var/tmp/sharplet-node/containerd.sock")
MANIFEST = """apiVersion: v1
kind: Pod
metadata:
  name: n0
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: main
    image: busybox
    imagePullPolicy: IfNotPresent
    command: [sleep, "3600"]
"""

def get_pods(sock):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect(sock)
        s.sendall(b"GET /pods HTTP/1.0\r\nHost: x\r\n\r\n")
        data = b""
        while True:
            b = s.recv(65536)
            if not b:
                break
            data += b
    except OSError:
        return None
    finally:
        s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    try:
        return json.loads(body)
    except Exception:
        return None

def running(pods):
    items = pods.get("items", []) if isinstance(pods, dict) else (pods or [])
    return sum(1 for p in items if (p.get("status") or {}).get("phase") == "Running")

def one(binary, env):
    env = dict(env)
    d = tempfile.mkdtemp(prefix="firstpod-")
    man = os.path.join(d, "manifests"); os.mkdir(man)
    root = os.path.join(d, "root")
    cfg = os.path.join(d, "config.yaml")
    # A spec's CFG:line1;line2 adds lines to the config file (e.g. CFG:enableServer: false).
    extra = "".join(l + "\n" for l in env.pop("CFG", "").split(";") if l)
    open(cfg, "w").write(f"apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\npodLogsDir: {d}/logs\n" + extra)
    open(os.path.join(man, "n0.yaml"), "w").write(MANIFEST)
    sock = os.path.join(root, "sharplet.sock")
    e = dict(os.environ); e.update(env)
    open(os.path.join(d, "exec.txt"), "w").write(time.strftime("%H:%M:%S", time.localtime()) + ("%.3f" % (time.time() % 1))[1:] + "\n")
    t0 = time.monotonic()
    wrap = os.environ.get("WRAP", "").split()
    p = subprocess.Popen(wrap + [binary, "--pod-manifest-path", man, "--container-runtime-endpoint", EP, "--root-dir", root,
                          "--hostname-override", "bench-native", "--healthz-port", "0", "--config", cfg],
                         stdout=open(os.path.join(d, "out.log"), "w"), stderr=subprocess.STDOUT, env=e)
    sockt = first = second = cpu = None
    try:
        while time.monotonic() - t0 < 30:
            pods = get_pods(sock) if os.path.exists(sock) else None
            if pods is not None and sockt is None:
                sockt = time.monotonic() - t0
            if pods is not None and running(pods) >= 1:
                first = time.monotonic() - t0
                try:  # the agent's CPU time (user + system) from exec to here
                    f = open(f"/proc/{p.pid}/stat").read().rsplit(")", 1)[1].split()
                    cpu = (int(f[11]) + int(f[12])) * 1000 / os.sysconf("SC_CLK_TCK")
                except (OSError, IndexError, ValueError):
                    cpu = None
                break
            time.sleep(0.002)
        if os.environ.get("SECOND") and first:
            time.sleep(1.0)
            open(os.path.join(man, "n1.yaml"), "w").write(MANIFEST.replace("name: n0", "name: n1"))
            t1 = time.monotonic()
            while time.monotonic() - t0 < 30 and running(get_pods(sock) or {}) < 2:
                time.sleep(0.002)
            second = time.monotonic() - t1
            os.remove(os.path.join(man, "n1.yaml"))
        os.remove(os.path.join(man, "n0.yaml"))
        end = time.monotonic() + 20
        while time.monotonic() < end:
            pods = get_pods(sock)
            items = pods.get("items", []) if isinstance(pods, dict) else (pods or [])
            if pods is not None and len(items) == 0:
                break
            time.sleep(0.05)
        time.sleep(0.5)
    finally:
        try:
            kids = [int(x) for x in open(f"/proc/{p.pid}/task/{p.pid}/children").read().split()] if wrap else []
        except OSError:
            kids = []
        for k in kids:
            os.kill(k, 15)
        p.terminate()
        try: p.wait(10)
        except subprocess.TimeoutExpired: p.kill(); p.wait()
    if os.environ.get("KEEP"): print("kept", d)
    else: shutil.rmtree(d, ignore_errors=True)
    return sockt, first, second, cpu

def main():
    rounds = int(sys.argv[1])
    specs = []
    for a in sys.argv[2:]:
        b, _, envs = a.partition("=")
        env = dict(kv.split(":", 1) for kv in envs.split(",") if kv) if envs else {}
        specs.append((a, b, env))
    res = {a: [] for a, _, _ in specs}
    for r in range(rounds):
        for a, b, env in specs:
            s, f, s2, c = one(b, env)
            res[a].append((s, f, s2, c))
            print(f"round {r} {a}: socket {s*1000 if s else -1:.0f} ms, first Running {f*1000 if f else -1:.0f} ms, agent CPU by then {c if c is not None else -1:.0f} ms"
                  + (f", second pod (manifest written -> Running) {s2*1000:.0f} ms" if s2 else ""), flush=True)
    for a in res:
        fs = [f*1000 for _, f, _, _ in res[a] if f]; ss = [s*1000 for s, _, _, _ in res[a] if s]; s2 = [x*1000 for _, _, x, _ in res[a] if x]
        cs = [c for _, _, _, c in res[a] if c is not None]
        print(f"{a}: n={len(fs)} first Running median {statistics.median(fs):.0f} ms (min {min(fs):.0f} max {max(fs):.0f}); socket median {statistics.median(ss):.0f} ms"
              + (f"; second pod median {statistics.median(s2):.0f} ms (min {min(s2):.0f} max {max(s2):.0f})" if s2 else "")
              + (f"; agent CPU to first Running median {statistics.median(cs):.0f} ms (min {min(cs):.0f} max {max(cs):.0f})" if cs else ""))

main()
