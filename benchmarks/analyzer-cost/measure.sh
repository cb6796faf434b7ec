#!/usr/bin/env bash
# Builds the project prepared by setup.sh alternately without and with the Bindgen analyzer, and prints for each
# build: wall-clock and CPU seconds of the whole build, CPU seconds of the compiler process, the compiler's report
# of the Bindgen analyzer's time and of all analyzers' time (ReportAnalyzer: wall-clock inside their callbacks),
# BG100x warnings and AD0001 (analyzer crash) reports; then the medians.
#
#   benchmarks/analyzer-cost/measure.sh <work dir> [pairs=7] [extra dotnet build arguments...]
#
# Pairs alternate which build goes first, so a change in the machine's load hits both sides alike. The compiler
# runs as its own process (tools/csc-timed from setup.sh), as with UseSharedCompilation=false: each build then pays
# for loading and compiling (JIT) the analyzer's code, the costlier case; the shared compiler server keeps it loaded.
# Each build's detailed log is kept in <work dir>/logs/ (the AnalyzerCost harness reads its csc command line).
set -euo pipefail

work_dir=$(cd "${1:?usage: measure.sh <work dir> [pairs] [dotnet build arguments...]}" && pwd)
pairs=${2:-7}
shift $(( $# >= 2 ? 2 : 1 ))
project="$work_dir/src/Wasmtime.csproj"
mkdir -p "$work_dir/logs"

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
results="$work_dir/logs/results.txt"
: > "$results"
for ((i = 1; i <= pairs; i++)); do
    if ((i % 2)); then order="false true"; else order="true false"; fi
    for with in $order; do
        log="$work_dir/logs/build-$i-$with.log"
        : > "$log.csc-times"
        BINDGEN_CSC_TIMES="$log.csc-times" /usr/bin/time -o "$log.times" -f '%e %U %S' \
            dotnet build "$project" -c Release -p:TargetFrameworks=net8.0 -p:ReportAnalyzer=true -v:d --no-incremental \
            -p:WithBindgen="$with" -p:UseSharedCompilation=false -p:CscToolPath="$work_dir/tools" -p:CscToolExe=csc-timed \
            "$@" > "$log" 2>&1 || { echo "build failed, see $log" >&2; exit 1; }
        read -r wall user system < "$log.times"
        read -r _ csc_user csc_system < "$log.csc-times"
        total=$(grep -m1 -o 'Total analyzer execution time: [0-9.]*' "$log" | grep -o '[0-9.]*$' || echo 0)
        bindgen=$(grep -m1 'Bindgen.Analyzers.GuestViewAnalyzer' "$log" | awk '{ print $1 }' || true)
        warnings=$(grep -c 'warning BG100' "$log" || true)
        crashes=$(grep -c 'AD0001' "$log" || true)
        echo "$with $wall $(echo "$user + $system" | bc) $(echo "$csc_user + $csc_system" | bc) ${bindgen:-0} $total $warnings $crashes" | tee -a "$results"
    done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "columns: analyzer on, build wall s, build CPU s, compiler CPU s, Bindgen analyzer s (ReportAnalyzer), all analyzers s, BG100x warnings, AD0001 reports"

column() { awk -v on="$1" -v c="$2" '$1 == on { print $c }' "$results" | median; }
for c in 2 3 4; do
    name=$(case $c in 2) echo "build wall";; 3) echo "build CPU";; 4) echo "compiler CPU";; esac)
    without=$(column false $c)
    with=$(column true $c)
    echo "median $name: without $without s, with $with s, difference $(echo "scale=2; 100 * ($with - $without) / $without" | bc) %"
done
echo "median Bindgen analyzer time (ReportAnalyzer): $(column true 5) s;" \
     "median of its share of each build's wall time: $(awk '$1 == "true" { print 100 * $5 / $2 }' "$results" | median) %"
