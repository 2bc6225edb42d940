#!/usr/bin/env bash
# How fast the whole stack goes on this machine (bench/ResilienceLab.ScenarioBench/StackCapacity.cs): breaker-storm at
# rising rates, each judged with the harness watching itself; prints the highest rate at which the harness stays healthy
# and the verdict is contained, and the harness signal that fails first. Loopback only.
# Usage: bench/stack-capacity.sh [--rates 250,500,1000,2000,3000,5000] [--scenario breaker-storm] [--full]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build -c Release "$ROOT/src/ResilienceLab.Cli" -v q -nologo >/dev/null
exec dotnet run -c Release --project "$ROOT/bench/ResilienceLab.ScenarioBench" -- capacity "$@"
