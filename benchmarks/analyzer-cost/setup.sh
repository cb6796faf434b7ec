#!/usr/bin/env bash
# Prepares a copy of wasmtime-dotnet (or another project of similar size that builds the same way) for measuring
# what the Bindgen analyzer adds to its build. Nothing of that project is kept in this repository.
#
#   benchmarks/analyzer-cost/setup.sh <wasmtime-dotnet checkout or git dir> <work dir>
#
# The work dir gets the project's sources (HEAD of the git repository, or a plain copy) and a
# Directory.Build.targets that
#   - adds this repository's Release build of Bindgen.Analyzers.dll as an analyzer when -p:WithBindgen=true;
#   - empties wasmtime-dotnet's RunCodeTemplates, DownloadWasmtime and CopyWasmtimeLibrary targets, which need
#     the internet and touch no C# source (the generated sources are committed), so only compiling is measured;
# and a tools/csc-timed script that runs the SDK's csc under /usr/bin/time, so measure.sh can record the CPU time of
# the compiler process itself, which a busy machine distorts far less than wall-clock time.
set -euo pipefail

source_dir=${1:?usage: setup.sh <wasmtime-dotnet checkout or git dir> <work dir>}
work_dir=${2:?usage: setup.sh <wasmtime-dotnet checkout or git dir> <work dir>}
repo_root=$(cd "$(dirname "$0")/../.." && pwd)

dotnet build "$repo_root/analyzers/Bindgen.Analyzers/Bindgen.Analyzers.csproj" -c Release -v:q -nologo
analyzer="$repo_root/analyzers/Bindgen.Analyzers/bin/Release/netstandard2.0/Bindgen.Analyzers.dll"

mkdir -p "$work_dir"
if git -C "$source_dir" rev-parse --git-dir >/dev/null 2>&1; then
    git -C "$source_dir" archive --format=tar HEAD | tar -x -C "$work_dir"
    echo "sources: $(git -C "$source_dir" log -1 --format='%H %s')"
else
    cp -r "$source_dir/." "$work_dir/"
fi

cat > "$work_dir/Directory.Build.targets" <<TARGETS
<Project>
  <ItemGroup Condition="'\$(WithBindgen)' == 'true'">
    <Analyzer Include="$analyzer" />
  </ItemGroup>
  <!-- Measuring compilation only: the committed generated sources are used, nothing is downloaded. -->
  <Target Name="RunCodeTemplates" />
  <Target Name="DownloadWasmtime" />
  <Target Name="CopyWasmtimeLibrary" />
</Project>
TARGETS
# The newest installed SDK's compiler, unless CSC names another (the SDK a global.json selects, say).
sdk_dir=$(dotnet --list-sdks | tail -1 | sed -E 's/^([^ ]+) \[(.*)\]$/\2\/\1/')
csc=${CSC:-"$sdk_dir/Roslyn/bincore/csc"}
[ -x "$csc" ] || { echo "no csc at $csc" >&2; exit 1; }
mkdir -p "$work_dir/tools"
cat > "$work_dir/tools/csc-timed" <<SCRIPT
#!/bin/sh
# Appends "wall user system" seconds of this compiler run to \$BINDGEN_CSC_TIMES.
exec /usr/bin/time -a -o "\${BINDGEN_CSC_TIMES:-/dev/null}" -f '%e %U %S' "$csc" "\$@"
SCRIPT
chmod +x "$work_dir/tools/csc-timed"
echo "prepared $work_dir; analyzer: $analyzer; compiler: $csc"
