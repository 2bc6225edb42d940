#!/usr/bin/env bash
# A long run stays flat: breaker-storm's workflow at RATE workflows/s for DURATION (default 1,000/s for 10 minutes,
# payment failing for the middle third), sampling the process's resident memory every 5 s. Prints the memory curve,
# the peak after the first minute (goal under 300 MB), the growth from minute 1 to the load's last sample (the
# report's build is not in it), how long the report took to build and write (goal under 10 s), with the verdict and
# the harness's own health, so a reader sees whether the figures were taken on a machine that kept up. Loopback only.
# Usage: bench/long-run.sh [--rate 1000] [--duration 10m]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATE=1000
DURATION=10m
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    *) echo "usage: bench/long-run.sh [--rate R] [--duration D]" >&2; exit 2 ;;
  esac
done
SECONDS_TOTAL="$(python3 -c "import re,sys; m=re.fullmatch(r'(\d+)(s|m|h)', sys.argv[1]); print(int(m[1])*{'s':1,'m':60,'h':3600}[m[2]]) if m else sys.exit('--duration: use 90s, 10m or 1h')" "$DURATION")"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/scenarios"
python3 - "$ROOT/scenarios/breaker-storm.json" "$WORK/scenarios/long-run.json" "$RATE" "$SECONDS_TOTAL" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); rate = float(sys.argv[3]); total = int(sys.argv[4])
s.pop("$schema", None)
s["name"] = "long-run"
s["description"] = f"breaker-storm's workflow at {rate:g}/s for {total} s; payment fails for the middle third"
s["max_in_flight"] = max(1000, int(rate * 5))
s["load"] = [{"kind": "inject", "rate": rate, "interval": "1s", "during": f"{total}s"}]
s["faults"][0]["start"] = f"{total // 3}s"
s["faults"][0]["duration"] = f"{total // 3}s"
json.dump(s, open(sys.argv[2], "w"), indent=1)
PY

echo "building the CLI (Release) ..."
dotnet build "$ROOT/src/ResilienceLab.Cli" -c Release -nologo -v q >/dev/null
DLL="$ROOT/src/ResilienceLab.Cli/bin/Release/net10.0/resilience-lab.dll"
# Queue workers enough for the rate (as bench/stack-capacity.sh provisions them): with the shipped two shipping workers
# (about 125 messages/s) a 1,000/s run builds a backlog of tens of thousands of messages, and the memory curve would
# measure that backlog, not the harness.
dotnet build "$ROOT/bench/ResilienceLab.ScenarioBench" -c Release -nologo -v q >/dev/null
dotnet run -c Release --no-build --project "$ROOT/bench/ResilienceLab.ScenarioBench" -- provisioned-config --rate "$RATE" > "$WORK/config.json"

echo "running long-run: $RATE workflows/s for $DURATION ($(nproc) cores; $(uptime | sed 's/.*load/load/'))"
dotnet "$DLL" run --scenario long-run --scenarios "$WORK/scenarios" --config "$WORK/config.json" \
  --out "$WORK/out" > "$WORK/console.txt" 2>&1 &
PID=$!
START="$(date +%s.%N)"
: > "$WORK/rss.tsv"
while kill -0 "$PID" 2>/dev/null; do
  rss_kb="$(awk '/^VmRSS/ {print $2}' "/proc/$PID/status" 2>/dev/null || true)"
  [ -n "$rss_kb" ] && printf '%s\t%s\n' "$(python3 -c "print(round($(date +%s.%N)-$START))")" "$rss_kb" >> "$WORK/rss.tsv"
  sleep 5
done
set +e; wait "$PID"; CODE=$?; set -e

python3 - "$WORK/rss.tsv" "$WORK/out/long-run/report.json" "$WORK/console.txt" "$CODE" "$SECONDS_TOTAL" <<'PY'
import json, re, sys
rows = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if l.strip()]
total = int(sys.argv[5])
console = open(sys.argv[3]).read()
print("\nresident memory (MB) every 30 s:")
for t, kb in rows:
    if t % 30 < 5:
        print(f"  {t:5d} s  {kb/1024:7.0f}  " + "#" * int(kb / 1024 / 10))
after = [kb for t, kb in rows if t >= 60]
if after:
    peak = max(after) / 1024
    print(f"peak after the first minute: {peak:.0f} MB (goal < 300 MB) {'PASS' if peak < 300 else 'FAIL'}")
    # The growth is read over the load only: a sample taken while the report is built would add the report's own
    # memory, or miss it, depending on when the last 5 s tick fell.
    during = [(t, kb) for t, kb in rows if 60 <= t <= total]
    if during:
        (t0, kb0), (t1, kb1) = during[0], during[-1]
        print(f"from minute 1 to the load's last sample: {kb0/1024:.0f} MB at {t0} s -> {kb1/1024:.0f} MB at {t1} s ({(kb1 - kb0)/1024:+.0f} MB)")
m = re.search(r"\(written in ([0-9.]+) s\)", console)
if m:
    t = float(m[1]); print(f"report built and written in {t:.1f} s (goal < 10 s) {'PASS' if t < 10 else 'FAIL'}")
else:
    print("report time: not printed (the run did not finish writing its report)")
try:
    r = json.load(open(sys.argv[2]))
    s = r["summary"]
    print(f"verdict: {r['verdict']} (exit {sys.argv[4]}); {s['started']} workflows, {s['requests_per_second']:.0f}/s, p99 {s['latency']['p99_ms']:.1f} ms")
    w = r["harness_health"]["windows"]["run"]
    print(f"harness: schedule lag p99 {w['schedule_lag_p99_ms']} ms, thread-pool queue max {w['thread_pool_queue_max']}, GC pause max {w['gc_pause_ms_max']} ms/s, CPU {w['cpu_percent_mean']} %")
    depths = {q: max((p["queues"][q]["visible"] + p["queues"][q]["in_flight"]) for p in r["timeline"] if q in p.get("queues", {}))
              for q in {q for p in r["timeline"] for q in p.get("queues", {})}}
    print("queue depth max: " + (", ".join(f"{q} {d}" for q, d in sorted(depths.items())) or "none read"))
    for reason in r["verdict_reasons"]:
        print(f"  - {reason}")
except (OSError, KeyError) as e:
    print(f"no report: {e}"); print(console[-2000:])
PY
