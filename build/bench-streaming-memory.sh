#!/usr/bin/env bash
# Benchmark: does a pipeline run's memory stay flat as the logs grow?
# Simulates the same world with N requests per day for each N given (default 1250 2500 5000 10000,
# i.e. 0.6M to 4.8M training rows in recall-pointwise's 6 training days), runs recall-pointwise on
# each, and records wall time, peak resident memory (GNU time) and the stage timings in a markdown
# table: docs/benchmarks/streaming-memory.md (or $OUT).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1250 2500 5000 10000}")
read -r -a sizes <<< "${sizes[*]}"
out=${OUT:-docs/benchmarks/streaming-memory.md}
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }

dotnet build src/CascadeDistill.Cli -c Release --nologo -v quiet >/dev/null
cli=(dotnet src/CascadeDistill.Cli/bin/Release/net10.0/cascade-distill.dll)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

rows=()
for n in "${sizes[@]}"; do
  work="$root/n$n"
  "${cli[@]}" simulate --work-dir "$work" --requests-per-day "$n" >/dev/null 2>&1
  /usr/bin/time -v -o "$work/time.txt" "${cli[@]}" run --pipeline recall-pointwise --work-dir "$work" --pipelines pipelines >"$work/run.txt" 2>"$work/err.txt"
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
  read_rows=$(grep -oE 'BuildDataset \([0-9.]+ s\): [0-9,]+ rows read' "$work/err.txt" | grep -oE '[0-9,]+ rows' | tr -d ', rows')
  timings=$(grep -E '^Timings' "$work/run.txt" | sed 's/^Timings *//')
  rows+=("| $n | $read_rows | $wall | $((rss_kb / 1024)) | $timings |")
  echo "requests/day $n: $read_rows rows read, wall $wall, peak RSS $((rss_kb / 1024)) MiB" >&2
done

{
  echo "# Streaming memory: pipeline run vs log volume"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version), CPU: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "Date: $(date -u +%Y-%m-%d)"
  echo
  echo "Command: \`bash build/bench-streaming-memory.sh ${sizes[*]}\` — for each size, \`cascade-distill simulate --requests-per-day N\`"
  echo "then \`/usr/bin/time -v cascade-distill run --pipeline recall-pointwise\` (Release build; 7-day window, 6 training days,"
  echo "80 candidates per request, 20 sampled catalogue negatives per request, 3 epochs)."
  echo
  echo "| requests/day | training log rows read | wall time | peak RSS (MiB) | stage timings |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$out"
echo "wrote $out" >&2
