#!/usr/bin/env bash
# The test command (README and .ci/run). Builds everything and runs every test project.
# The ONNX exporter's tests also validate exported files with an independent checker, Debian's
# python3-onnx (onnx.checker, full_check); it is installed here when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! /usr/bin/python3 -c "import onnx" >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing python3-onnx (independent ONNX checker used by the exporter tests)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-onnx >/dev/null
  else
    echo "error: the tests need Debian's python3-onnx: sudo apt-get install python3-onnx" >&2
    exit 1
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test CascadeDistill.sln -c Release --nologo 2>&1 | tee "$log" || status=$?

# One closing line over all test assemblies.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
