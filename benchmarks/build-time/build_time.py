#!/usr/bin/env python3
"""The build-time cost of generated code: a 2,000-method project built cold with and without Bindgen's generator.

Writes two identical projects (200 [WasmModule] interfaces of 10 methods each, drawn in rotation from scalars,
strings, byte and float spans, arrays, out-parameters, structs by value and by `in`, struct results), one with the
generator as an analyzer and one without it, then times `dotnet build --no-restore --no-incremental
--disable-build-servers` of each, interleaved (the order rotates every round), and prints the medians of the wall
time and of the CPU time the build's processes used. Both
reference the repository's runtime and the Wasmtime package from the local NuGet folder directly, so nothing is
restored from a feed. It also counts the generated code: lines in all, and lines inside the export methods.

    python3 benchmarks/build-time/build_time.py [--rounds 5] [--out /tmp/bindgen-build-time] [--baseline DIR [--baseline DIR2]]
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

INTERFACES = 200
METHODS = 10
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

SHARED = """using System.Runtime.InteropServices;

namespace BuildTime
{
    public enum Mode { Off, On, Auto }

    [StructLayout(LayoutKind.Sequential)]
    public struct Point { public int X; public double Y; public byte Tag; }
}
"""


def method(kind, j):
    """One method of a kind; j keeps the names (and so the export names) distinct within an interface."""
    return [
        f"int Add{j}(int a, int b);",
        f"long Mask{j}(long value, uint mask, Mode mode);",
        f"string Upper{j}(string text);",
        f"int Checksum{j}(ReadOnlySpan<byte> data);",
        f"byte[] Transform{j}(byte[] data, int seed);",
        f"void Scale{j}(Span<float> values, float factor);",
        f"int Divmod{j}(int a, int b, out int rem);",
        f"double Norm{j}(in Point p);",
        f"Point Move{j}(Point p, double dx);",
        f"string Describe{j}(int n, long big, bool flag, string text);",
    ][kind]


def interface(index):
    lines = ["using System;", "using Bindgen;", "", f"namespace BuildTime.Group{index % 10};", "",
             "[WasmModule]", f"public interface IModule{index:03d}", "{"]
    lines += ["    " + method((index + j) % METHODS, j) for j in range(METHODS)]
    lines += ["}", ""]
    return "\n".join(lines)


def project(generator, runtime, wasmtime):
    analyzer = f'    <Analyzer Include="{generator}" />\n' if generator else ""
    return f"""<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
  </PropertyGroup>
  <ItemGroup>
    <Reference Include="{runtime}" />
    <Reference Include="{wasmtime}" />
{analyzer}  </ItemGroup>
</Project>
"""


def run(args, cwd=None):
    result = subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{result.stdout[-4000:]}")
    return result.stdout


def count_generated(folder):
    """Lines of every generated file, and lines of the export methods (from their /// <inheritdoc/> to their closing brace)."""
    total = method_lines = methods = 0
    for root, _, files in os.walk(folder):
        for name in files:
            if not name.endswith(".g.cs"):
                continue
            with open(os.path.join(root, name), encoding="utf-8") as f:
                lines = f.read().splitlines()
            total += len(lines)
            inside = False
            for line in lines:
                if line == "    /// <inheritdoc/>":
                    inside, methods = True, methods + 1
                if inside:
                    method_lines += 1
                    if line == "    }":
                        inside = False
    return total, method_lines, methods


def time_builds(build, folders, rounds):
    """Runs `build` in each folder `rounds` times, interleaved; returns the wall and CPU times of each, by name."""
    # Wall time, and the CPU time (user + system) of every process the build ran: on a shared machine the wall time
    # depends on what else runs, while the CPU time is close to the work the build itself does.
    wall = {name: [] for name in folders}
    cpu = {name: [] for name in folders}
    for r in range(rounds):
        # The order rotates every round, so that no project is always built first or last.
        order = list(folders)[r % len(folders):] + list(folders)[:r % len(folders)]
        for name in order:
            before = os.times()
            start = time.perf_counter()
            run(build, cwd=folders[name])
            wall[name].append(time.perf_counter() - start)
            after = os.times()
            cpu[name].append(after.children_user - before.children_user + after.children_system - before.children_system)
        print(f"round {r + 1}: " + ", ".join(f"{n} {wall[n][-1]:.2f} s ({cpu[n][-1]:.2f} s CPU)" for n in folders), flush=True)
    return wall, cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5, help="timed builds of each project; 0 only counts the generated code")
    parser.add_argument("--out", default="/tmp/bindgen-build-time")
    parser.add_argument("--baseline", action="append", default=[],
                        help="a folder holding another build's Bindgen.Generator.dll and Bindgen.Runtime.dll "
                        "(for example an earlier commit's Release outputs): adds a project built with them; may be repeated "
                        "(the projects are named baseline, baseline2, ...)")
    options = parser.parse_args()

    print("building the runtime and the generator (Release)...", flush=True)
    run(["dotnet", "build", "-c", "Release", os.path.join(REPO, "runtime/Bindgen.Runtime/Bindgen.Runtime.csproj")])
    run(["dotnet", "build", "-c", "Release", os.path.join(REPO, "generator/Bindgen.Generator/Bindgen.Generator.csproj")])
    runtime = os.path.join(REPO, "runtime/Bindgen.Runtime/bin/Release/net8.0/Bindgen.Runtime.dll")
    generator = os.path.join(REPO, "generator/Bindgen.Generator/bin/Release/netstandard2.0/Bindgen.Generator.dll")
    packages = os.environ.get("NUGET_PACKAGES") or os.path.expanduser("~/.nuget/packages")
    wasmtime = os.path.join(packages, "wasmtime/50.0.1/lib/net8.0/Wasmtime.Dotnet.dll")
    for path in (runtime, generator, wasmtime):
        if not os.path.exists(path):
            sys.exit(f"missing: {path}")

    shutil.rmtree(options.out, ignore_errors=True)
    variants = {"without": (None, runtime), "with": (generator, runtime)}
    for index, folder in enumerate(options.baseline):
        name = "baseline" if index == 0 else f"baseline{index + 1}"
        print(f"{name}: {folder}", flush=True)
        variants[name] = (os.path.join(folder, "Bindgen.Generator.dll"), os.path.join(folder, "Bindgen.Runtime.dll"))
    for name, (analyzer, library) in variants.items():
        folder = os.path.join(options.out, name)
        os.makedirs(folder)
        with open(os.path.join(folder, f"{name}.csproj"), "w", encoding="utf-8") as f:
            f.write(project(analyzer, library, wasmtime))
        with open(os.path.join(folder, "Shared.cs"), "w", encoding="utf-8") as f:
            f.write(SHARED)
        for i in range(INTERFACES):
            with open(os.path.join(folder, f"Module{i:03d}.cs"), "w", encoding="utf-8") as f:
                f.write(interface(i))
        run(["dotnet", "restore", folder])

    print(f"{INTERFACES * METHODS} methods; warming up (one build each)...", flush=True)
    build = ["dotnet", "build", "--no-restore", "--no-incremental", "--disable-build-servers", "-nologo", "-v:q"]
    for name in variants:
        run(build, cwd=os.path.join(options.out, name))

    for name in variants:
        if name != "without":
            total, method_lines, methods = count_generated(os.path.join(options.out, name, "obj"))
            print(f"{name}: generated {total} lines, {total / methods:.1f} per method; "
                  f"{method_lines} lines inside the {methods} export methods, {method_lines / methods:.1f} per method")

    if options.rounds == 0:
        return

    wall, cpu = time_builds(build, {name: os.path.join(options.out, name) for name in variants}, options.rounds)

    for label, times in (("wall", wall), ("CPU", cpu)):
        for name in variants:
            print(f"{label:>4} {name:>9}: median {statistics.median(times[name]):.2f} s  ({', '.join(f'{t:.2f}' for t in times[name])})")
        for name in variants:
            if name != "without":
                added = statistics.median(times[name]) - statistics.median(times["without"])
                print(f"{label:>4}: {name}: the generator and its code add {added:.2f} s (difference of medians)")


if __name__ == "__main__":
    main()
