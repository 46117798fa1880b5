#!/usr/bin/env bash
# Long run of the TorchSharp native-lifetime stress test: every training objective trained ROUNDS times
# (5 trainings a round) in one process while another thread forces garbage collections without pause.
# Usage: bash build/stress-torch.sh [ROUNDS]   (default 200; about 1–2 s a round on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-200}"
dotnet build tests/CascadeDistill.TorchSharp.Tests -c Release --nologo -v quiet
CASCADE_STRESS_ROUNDS="$rounds" dotnet test tests/CascadeDistill.TorchSharp.Tests -c Release --no-build --nologo \
  --filter "FullyQualifiedName~ScalarLifetimeStressTests"
