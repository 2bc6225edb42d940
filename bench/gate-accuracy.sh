#!/usr/bin/env bash
# The gate's accuracy matrix for the scenario library (bench/ResilienceLab.ScenarioBench/GateAccuracy.cs): default config
# N times (expected contained), the stressed mechanism weakened (expected not_contained, the named checks failing), and
# K times the rate (expected contained or inconclusive, never not_contained). Loopback only.
# Usage: bench/gate-accuracy.sh [--runs 3] [--scale 5] [--only breaker-storm,retry-storm] [--full]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build -c Release "$ROOT/src/ResilienceLab.Cli" -v q -nologo >/dev/null
exec dotnet run -c Release --project "$ROOT/bench/ResilienceLab.ScenarioBench" -- accuracy "$@"
