#!/usr/bin/env python3
"""What a <BindgenPackage> adds to a cold build: photon-node (the largest package the wasm-bindgen tests bind).

Writes three console projects: "without" (the generator as an analyzer, no package), "photon" (the same with
<BindgenPackage Include=".../@silvia-odwyer/photon-node" />) and "plain" (the package item, and the generator's output
for it compiled as a plain source, without the generator). All reference the runtime and Wasmtime directly and import
Bindgen.targets with the build task loaded the way the NuGet package loads it (in the build's own MSBuild process;
pass --out-of-process for the task host the repository's own projects use). Times `dotnet build --no-restore
--no-incremental --disable-build-servers` of each, interleaved, and prints medians of wall and CPU time and their
differences: what the package adds, of it the generator's own run (photon - plain) and the rest (plain - without: the
task, and compiling the package's interface and the generated binding). Then one build of the package project with
`-p:ReportAnalyzer=true -clp:PerformanceSummary` prints the task's stopwatch and the compiler's generator report.
With --baseline (a source tree of another commit, e.g. `git archive <commit> | tar -x -C /tmp/base`), two more projects
are built in the same rounds with that tree's runtime, generator, task and Bindgen.targets: "before-without" and
"before-photon", so the package's cost before and after a change comes from one interleaved run.
With --packed, each tree is packed (`dotnet pack -c Release`) and the projects load the assemblies from its package
(as the package ships them, and all three analyzer assemblies, as a package reference does)
instead of the projects' build outputs.

With --program app, every project's own code is a small program of the usual constructs instead of a one-line Main: the
compiler's first use of those paths (a cold csc's JIT and type loading, some 0.2-0.4 s) is then paid by "without" too,
as any real project pays it, and not counted as the package's.

    python3 benchmarks/build-time/package_time.py [--rounds 5] [--out /tmp/bindgen-package-time] [--out-of-process]
        [--baseline /tmp/base] [--packed] [--program line|app]
"""

import argparse
import os
import re
import shutil
import statistics
import sys
import zipfile

from build_time import run, time_builds

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
NPM = os.path.join(REPO, "tests/Bindgen.WasmBindgen.Tests/npm")
PACKAGE = os.path.join(NPM, "node_modules/@silvia-odwyer/photon-node")

PROGRAM = """namespace PackageTime;

public static class Program
{
    public static int Main() => 0;
}
"""

# --program app: a small program of the kind a package is added to (types, generics, lambdas, LINQ, exceptions, async),
# so that the compiler's first use of those paths, which any such program pays, is not counted as the package's.
APP = """using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace PackageTime;

public interface IShape
{
    string Name { get; }
    double Area();
}

public sealed record Circle(double Radius) : IShape
{
    public string Name => "circle";
    public double Area() => Math.PI * Radius * Radius;
}

public sealed record Rectangle(double Width, double Height) : IShape
{
    public string Name => "rectangle";
    public double Area() => Width * Height;
}

public sealed class Inventory : IDisposable
{
    private readonly Dictionary<string, List<IShape>> _byName = new();
    private bool _disposed;

    public void Add(IShape shape)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_byName.TryGetValue(shape.Name, out List<IShape>? list))
        {
            _byName[shape.Name] = list = new List<IShape>();
        }

        list.Add(shape);
    }

    public IEnumerable<(string Name, int Count, double Area)> Summary() =>
        _byName.Select(p => (p.Key, p.Value.Count, p.Value.Sum(s => s.Area()))).OrderByDescending(t => t.Item3);

    public void Dispose() => _disposed = true;
}

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var inventory = new Inventory();
        foreach (string arg in args)
        {
            try
            {
                IShape shape = arg.Split('x') switch
                {
                    [var r] => new Circle(double.Parse(r)),
                    [var w, var h] => new Rectangle(double.Parse(w), double.Parse(h)),
                    _ => throw new FormatException($"not a shape: {arg}"),
                };
                inventory.Add(shape);
            }
            catch (FormatException e) when (e.Message.Length > 0)
            {
                Console.Error.WriteLine(e.Message);
            }
            finally
            {
                await Task.Yield();
            }
        }

        foreach ((string name, int count, double area) in inventory.Summary())
        {
            Console.WriteLine($"{name}: {count}, {area:F2}");
        }

        return 0;
    }
}
"""


def project(generator, runtime, wasmtime, tasks, package, out_of_process, targets):
    item = f'    <BindgenPackage Include="{package}" Namespace="PackageTime.Photon" />\n' if package else ""
    analyzer = "".join(f'    <Analyzer Include="{dll}" />\n' for dll in (generator.split(";") if generator else []))
    return f"""<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
    <!-- photon's DOM imports are bound by no export (docs/wasm-bindgen.md). -->
    <NoWarn>$(NoWarn);BG0022</NoWarn>
    <BindgenTasksAssembly>{tasks}</BindgenTasksAssembly>
    <BindgenTasksOutOfProcess>{'true' if out_of_process else 'false'}</BindgenTasksOutOfProcess>
  </PropertyGroup>
  <ItemGroup>
    <Reference Include="{runtime}" />
    <Reference Include="{wasmtime}" />
{analyzer}{item}  </ItemGroup>
  <Import Project="{targets}" />
</Project>
"""


def outputs(tree):
    """Builds the runtime, the generator and the build task of a source tree (Release); returns their paths and its Bindgen.targets."""
    print(f"building the runtime, the generator and the build task of {tree} (Release)...", flush=True)
    for csproj in ("runtime/Bindgen.Runtime/Bindgen.Runtime.csproj", "generator/Bindgen.Generator/Bindgen.Generator.csproj",
                   "generator/Bindgen.Build.Tasks/Bindgen.Build.Tasks.csproj"):
        run(["dotnet", "build", "-c", "Release", os.path.join(tree, csproj)])
    paths = (os.path.join(tree, "runtime/Bindgen.Runtime/bin/Release/net8.0/Bindgen.Runtime.dll"),
             os.path.join(tree, "generator/Bindgen.Generator/bin/Release/netstandard2.0/Bindgen.Generator.dll"),
             os.path.join(tree, "generator/Bindgen.Build.Tasks/bin/Release/netstandard2.0/Bindgen.Build.Tasks.dll"),
             os.path.join(tree, "runtime/Bindgen.Runtime/build/Bindgen.targets"))
    for path in paths:
        if not os.path.exists(path):
            sys.exit(f"missing: {path}")
    return paths


def packed(tree, out):
    """Packs a source tree (Release) and unpacks what a package reference loads; returns the paths outputs() returns,
    the generator as the package's three analyzer assemblies (a ;-separated list)."""
    print(f"packing {tree} (Release)...", flush=True)
    feed = os.path.join(out, "feed")
    shutil.rmtree(feed, ignore_errors=True)
    print(run(["dotnet", "pack", "-c", "Release", "-o", feed, os.path.join(tree, "runtime/Bindgen.Runtime/Bindgen.Runtime.csproj")]).strip().splitlines()[-3:])
    nupkg = [name for name in os.listdir(feed) if name.endswith(".nupkg")][0]
    with zipfile.ZipFile(os.path.join(feed, nupkg)) as package:
        package.extractall(os.path.join(out, "package"))
    root = os.path.join(out, "package")
    analyzers = ";".join(os.path.join(root, "analyzers/dotnet/cs", name) for name in ("Bindgen.Generator.dll", "Bindgen.Analyzers.dll", "Bindgen.CodeFixes.dll"))
    return (os.path.join(root, "lib/net8.0/Bindgen.Runtime.dll"), analyzers,
            os.path.join(root, "build/Bindgen.Build.Tasks.dll"), os.path.join(root, "build/Bindgen.targets"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", default="/tmp/bindgen-package-time")
    parser.add_argument("--out-of-process", action="store_true", help="load the task in MSBuild's task host, as the repository's projects do")
    parser.add_argument("--baseline", help="a source tree of another commit: adds before-without and before-photon, built with its Release outputs")
    parser.add_argument("--packed", action="store_true", help="load the runtime, analyzers, task and targets from each tree's packed package")
    parser.add_argument("--program", choices=("line", "app"), default="line",
                        help="every project's own code: a one-line Main (default), or a small program of the usual constructs (APP)")
    options = parser.parse_args()

    if not os.path.isdir(PACKAGE):
        run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=NPM)
    packages = os.environ.get("NUGET_PACKAGES") or os.path.expanduser("~/.nuget/packages")
    wasmtime = os.path.join(packages, "wasmtime/50.0.1/lib/net8.0/Wasmtime.Dotnet.dll")
    if not os.path.exists(wasmtime):
        sys.exit(f"missing: {wasmtime}")
    shutil.rmtree(options.out, ignore_errors=True)
    if options.packed:
        runtime, generator, tasks, targets = packed(REPO, os.path.join(options.out, "packed-after"))
        if options.baseline:
            before = packed(os.path.abspath(options.baseline), os.path.join(options.out, "packed-before"))
    else:
        runtime, generator, tasks, targets = outputs(REPO)
        if options.baseline:
            before = outputs(os.path.abspath(options.baseline))

    # without: no package; photon: the package bound by the task and the generator; plain: the task, and the
    # generator's output for photon compiled as a plain source without the generator (photon minus plain is the
    # generator's own run, plain minus without the task's and the compiler's work on the package's code).
    current = (runtime, tasks, targets)
    variants = {"without": (generator, None, current), "photon": (generator, PACKAGE, current), "plain": (None, PACKAGE, current)}
    if options.baseline:
        variants["before-without"] = (before[1], None, (before[0], before[2], before[3]))
        variants["before-photon"] = (before[1], PACKAGE, (before[0], before[2], before[3]))
    for name, (analyzer, package, (runtime_dll, tasks_dll, targets_file)) in variants.items():
        folder = os.path.join(options.out, name)
        os.makedirs(folder)
        with open(os.path.join(folder, f"{name}.csproj"), "w", encoding="utf-8") as f:
            f.write(project(analyzer, runtime_dll, wasmtime, tasks_dll, package, options.out_of_process, targets_file))
        with open(os.path.join(folder, "Program.cs"), "w", encoding="utf-8") as f:
            f.write(APP if options.program == "app" else PROGRAM)
        run(["dotnet", "restore", folder])

    build = ["dotnet", "build", "--no-restore", "--no-incremental", "--disable-build-servers", "-nologo", "-v:q"]
    print("warming up (one build each)...", flush=True)
    run(build, cwd=os.path.join(options.out, "photon"))
    generated = os.path.join(options.out, "photon/obj/Debug/net10.0/generated/Bindgen.Generator/Bindgen.Generator.BindgenGenerator")
    for name in os.listdir(generated):
        shutil.copy(os.path.join(generated, name), os.path.join(options.out, "plain", name))
    for name in variants:
        if name not in ("photon",):
            run(build, cwd=os.path.join(options.out, name))

    wall, cpu = time_builds(build, {name: os.path.join(options.out, name) for name in variants}, options.rounds)
    for label, times in (("wall", wall), ("CPU", cpu)):
        for name in variants:
            print(f"{label:>4} {name:>8}: median {statistics.median(times[name]):.2f} s  ({', '.join(f'{t:.2f}' for t in times[name])})")
        median = {name: statistics.median(times[name]) for name in variants}
        print(f"{label:>4}: the package adds {median['photon'] - median['without']:.2f} s: the generator's own run "
              f"{median['photon'] - median['plain']:.2f} s, the task and compiling the package's code {median['plain'] - median['without']:.2f} s (differences of medians)")
        if options.baseline:
            print(f"{label:>4}: before (the baseline) the package added {median['before-photon'] - median['before-without']:.2f} s")

    # One build taken apart: the task's stopwatch and MSBuild's summary, the compiler's report of the generators and
    # analyzers (wall times within the compiler process; the compiler's own work is the rest of Csc).
    report = run(build[:-1] + ["-v:d", "-clp:PerformanceSummary", "-p:ReportAnalyzer=true"], cwd=os.path.join(options.out, "photon"))
    for line in report.splitlines():
        if re.search(r"exports bound as|^\s*\d+ ms\s+(GenerateBindgenPackages|Csc)\s|Total (analyzer|generator) execution time|Bindgen\.Generator\.BindgenGenerator$", line):
            print("  " + line.strip())


if __name__ == "__main__":
    main()
