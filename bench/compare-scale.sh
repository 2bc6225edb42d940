#!/usr/bin/env bash
# How compare scales with the number of scenarios: N scenario folders (copies of one quick run's report.json under
# distinct names) compared with themselves. Prints wall time and peak memory of the compare process.
#   bench/compare-scale.sh [N] [REPORT_JSON]
# Without REPORT_JSON it first runs `run --scenario breaker-storm --quick` to get one.
set -euo pipefail
n="${1:-1000}"
seed_report="${2:-}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/resiliencelab-compare-scale.XXXXXX)"
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/ResilienceLab.Cli" -c Release -o "$work/cli" >/dev/null
cli=(dotnet "$work/cli/resilience-lab.dll")
if [[ -z "$seed_report" ]]; then
  (cd "$root" && "${cli[@]}" run --scenario breaker-storm --quick --out "$work/seed" >/dev/null) || true
  seed_report="$work/seed/breaker-storm/report.json"
fi
for side in baseline candidate; do
  mkdir -p "$work/$side"
  for i in $(seq -f "%04g" 0 $((n - 1))); do
    mkdir -p "$work/$side/s$i"
    sed "s/\"scenario\": \"[^\"]*\"/\"scenario\": \"s$i\"/" "$seed_report" > "$work/$side/s$i/report.json"
  done
done
/usr/bin/time -f "compare of $n scenarios: %e s wall, %M KB peak resident" \
  "${cli[@]}" compare "$work/baseline" "$work/candidate" --out "$work/compare" >/dev/null || true
du -sh "$work/compare" | sed 's/^/compare folder: /'
ls -la "$work/compare/compare.md" "$work/compare/compare.html" | awk '{print $5, $9}'
