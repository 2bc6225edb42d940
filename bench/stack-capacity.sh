#!/usr/bin/env bash
# How fast the whole stack goes on this machine (bench/ResilienceLab.ScenarioBench/StackCapacity.cs): breaker-storm at
# rising rates, each judged with the harness watching itself; prints the highest rate at which the harness stays healthy
# and the verdict is contained, and the harness signal that fails first. Loopback only.
# Before the ramp, the peer's own figure: one WireMock dependency server (as a run hosts it) under wrk, with the CPU it
# took, so a reader sees how much of the machine the dependencies alone need per workflow (skipped without wrk).
# --warm-up D gives every run that warm-up instead of the scenario's (at 3,000/s on 2 cores the runtime keeps compiling
# and tiering up code for ~15 s, so a 4 s warm-up judges the cold start as well as the running stack).
# Usage: bench/stack-capacity.sh [--rates 250,500,1000,2000,3000,5000] [--scenario breaker-storm] [--full] [--warm-up 12s]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build -c Release "$ROOT/src/ResilienceLab.Cli" -v q -nologo >/dev/null
DLL="$ROOT/src/ResilienceLab.Cli/bin/Release/net10.0/resilience-lab.dll"

if command -v wrk >/dev/null 2>&1; then
  WORK="$(mktemp -d)"
  dotnet "$DLL" dependencies --scenario breaker-storm --start-at +3600 > "$WORK/host.txt" 2>&1 &
  HOST=$!
  trap 'kill -TERM "$HOST" 2>/dev/null || true; rm -rf "$WORK"' EXIT
  for _ in $(seq 1 60); do grep -q "inventory: port" "$WORK/host.txt" 2>/dev/null && break; sleep 0.5; done
  PORT="$(awk '/inventory: port/ {print $3}' "$WORK/host.txt")"
  URL="http://127.0.0.1:$PORT/reserve"
  wrk -t 1 -c 8 -d 3s "$URL" >/dev/null   # warm-up (JIT)
  T0="$(awk '{print $14+$15}' "/proc/$HOST/stat")"
  RPS="$(wrk -t 2 -c 32 -d 10s "$URL" | awk '/Requests\/sec/ {print $2}')"
  T1="$(awk '{print $14+$15}' "/proc/$HOST/stat")"
  kill -TERM "$HOST" 2>/dev/null || true
  wait "$HOST" 2>/dev/null || true   # gone before the ramp starts, so its shutdown does not share the first rate's cores
  python3 - "$RPS" "$((T1 - T0))" "$(getconf CLK_TCK)" "$(nproc)" <<'PY'
import sys
rps, ticks, hz, cores = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
busy = ticks / hz / 10
per_request_ms = busy * 1000 / rps
print(f"peer: one WireMock dependency server under wrk -t 2 -c 32: {rps:,.0f} requests/s, the server using {busy:.2f} of {cores} cores "
      f"({per_request_ms:.3f} ms of CPU a request)")
print(f"  breaker-storm's workflow makes 4 dependency requests: the servers alone would use all {cores} cores at "
      f"~{cores * 1000 / (4 * per_request_ms):,.0f} workflows/s, before the stack and its clients take any")
PY
  rm -rf "$WORK"
  trap - EXIT
fi

exec dotnet run -c Release --project "$ROOT/bench/ResilienceLab.ScenarioBench" -- capacity "$@"
