#!/usr/bin/env bash
# Benchmark: import throughput and peak memory, Parquet and CSV, small vs large input.
# Generates the inputs with the simulator (`cascade-distill simulate --export`: 2 days × N requests ×
# 80 candidates, rows shuffled across requests in windows of 100k rows), imports each with
# `/usr/bin/time -v cascade-distill import`, and writes a markdown table to docs/benchmarks/import.md
# (or $OUT). Sizes are requests per day (default: 6250 = 1M rows and 62500 = 10M rows).
# Generated inputs and work directories go to $BENCH_DIR (default: bench-data/, ignored by git) and are
# deleted at the end unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-6250 62500}")
read -r -a sizes <<< "${sizes[*]}"
out=${OUT:-docs/benchmarks/import.md}
root=${BENCH_DIR:-bench-data}
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }

dotnet build src/CascadeDistill.Cli -c Release --nologo -v quiet >/dev/null
cli=(dotnet src/CascadeDistill.Cli/bin/Release/net10.0/cascade-distill.dll)
mkdir -p "$root"
[ "${KEEP:-0}" = "1" ] || trap 'rm -rf "$root"' EXIT
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

rows=()
declare -A rss
for n in "${sizes[@]}"; do
  for format in parquet csv; do
    input="$root/in-$n.$format"
    work="$root/work-$n-$format"
    rm -rf "$work"
    [ -f "$input" ] || "${cli[@]}" simulate --days 2 --requests-per-day "$n" --candidates 80 --export "$format" --export-path "$input" >/dev/null
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -v -o "$root/time-$n-$format.txt" "${cli[@]}" import --format "$format" --input "$input" \
      --mapping "$input.mapping.yaml" --work-dir "$work" >"$root/import-$n-$format.txt"
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$root/time-$n-$format.txt")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$root/time-$n-$format.txt")
    secs=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    read_rows=$(grep -oE 'read [0-9,]+ rows' "$root/import-$n-$format.txt" | grep -oE '[0-9,]+' | tr -d ',')
    spill=$(grep -oE '"spillRuns": [0-9]+' "$work"/imports/*.json | grep -oE '[0-9]+$')
    merges=$(grep -oE '"intermediateMerges": [0-9]+' "$work"/imports/*.json | grep -oE '[0-9]+$' || echo 0)
    load_end=$(cut -d' ' -f1 /proc/loadavg)
    bytes=$(stat -c %s "$input")
    rate=$(awk -v r="$read_rows" -v s="$secs" 'BEGIN { printf "%.0f", r / s }')
    rows+=("| $format | $read_rows | $((bytes / 1048576)) | $wall | $rate | $((rss_kb / 1024)) | $spill | $merges | $load → $load_end |")
    rss["$format-$n"]=$rss_kb
    echo "$format $read_rows rows: wall $wall, $rate rows/s, peak RSS $((rss_kb / 1024)) MiB, $spill spill runs" >&2
    rm -rf "$work"
  done
done

{
  echo "# Import benchmark: rows/s and peak memory"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version), CPU: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "Date: $(date -u +%Y-%m-%d). **Shared machine**: other jobs ran at the same time (load average at the start: $load_start"
  echo "on $(nproc) cores), so rows/s are lower bounds, not this code's speed on an idle machine; peak memory is not affected."
  echo
  echo "Command: \`bash build/bench-import.sh ${sizes[*]}\` — for each size N, \`cascade-distill simulate --days 2 --requests-per-day N"
  echo "--candidates 80 --export parquet|csv\` (rows shuffled across requests in windows of 100k rows; Parquet in row groups of 100k"
  echo "rows, Snappy), then \`/usr/bin/time -v cascade-distill import --format parquet|csv --input FILE --mapping FILE.mapping.yaml\`"
  echo "(Release build, default \`MaxRowsInMemory\` = 250,000, merge fan-in 32). Rows/s = rows read / wall time (whole process: parse, spill,"
  echo "merge, validate, write Arrow partitions and the catalogue)."
  echo
  echo "| format | rows | input MiB | wall | rows/s | peak RSS MiB | spill runs | intermediate merges | load avg (1 min) start → end |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  printf '%s\n' "${rows[@]}"
  if [ "${#sizes[@]}" -ge 2 ]; then
    small=${sizes[0]}
    large=${sizes[${#sizes[@]}-1]}
    echo
    echo "Peak memory, largest vs smallest input (rows × $((large / small))): parquet $(awk -v a="${rss[parquet-$large]}" -v b="${rss[parquet-$small]}" 'BEGIN { printf "%.2f", a / b }')×, csv $(awk -v a="${rss[csv-$large]}" -v b="${rss[csv-$small]}" 'BEGIN { printf "%.2f", a / b }')× (flat: memory is bounded by \`MaxRowsInMemory\` rows held as bytes in one reused buffer and at most 32 merge readers, not by the input)."
  fi
} > "$out"
echo "wrote $out" >&2
