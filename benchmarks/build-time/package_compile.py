#!/usr/bin/env python3
"""The compiler's own cost of a package's code, before and after: bare cold `csc` runs, interleaved.

Reads the folder package_time.py --baseline wrote (its "before-photon" and "photon" projects, after their builds) and
compiles, with the SDK's csc alone (no generators, no analyzers, no MSBuild), a one-line program ("program"), the
program with the baseline's interface and generated binding ("before"), and with this tree's ("after"). The package's
compile cost is each minus "program" (medians of CPU time, user + system).

    python3 benchmarks/build-time/package_compile.py [--out /tmp/bindgen-package-time] [--rounds 7]
"""

import argparse
import glob
import os
import statistics
import subprocess
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="/tmp/bindgen-package-time", help="package_time.py's --out, run with --baseline")
    parser.add_argument("--rounds", type=int, default=7)
    options = parser.parse_args()

    dotnet = os.path.dirname(os.path.realpath(subprocess.run(["which", "dotnet"], stdout=subprocess.PIPE, text=True).stdout.strip()))
    sdk = subprocess.run(["dotnet", "--version"], stdout=subprocess.PIPE, text=True, cwd=REPO).stdout.strip()
    csc = os.path.join(dotnet, "sdk", sdk, "Roslyn", "bincore", "csc.dll")
    references = sorted(glob.glob(os.path.join(dotnet, "packs", "Microsoft.NETCore.App.Ref", "10.*", "ref", "net10.0", "*.dll")))
    packages = os.environ.get("NUGET_PACKAGES") or os.path.expanduser("~/.nuget/packages")
    references += [os.path.join(REPO, "runtime/Bindgen.Runtime/bin/Release/net8.0/Bindgen.Runtime.dll"),
                   os.path.join(packages, "wasmtime/50.0.1/lib/net8.0/Wasmtime.Dotnet.dll")]
    folder = os.path.join(options.out, "compile")
    os.makedirs(folder, exist_ok=True)
    program = os.path.join(folder, "Program.cs")
    with open(program, "w", encoding="utf-8") as f:
        f.write("namespace PackageTime;\n\npublic static class Program\n{\n    public static int Main() => 0;\n}\n")

    def package(project):
        intermediate = os.path.join(options.out, project, "obj/Debug/net10.0")
        files = glob.glob(os.path.join(intermediate, "generated/*/*/*.cs")) + glob.glob(os.path.join(intermediate, "bindgen/*.cs"))
        if len(files) < 2:
            sys.exit(f"no generated binding under {intermediate}: run package_time.py --baseline first")
        return files

    variants = {"program": [], "before": package("before-photon"), "after": package("photon")}
    for name, sources in variants.items():
        with open(os.path.join(folder, name + ".rsp"), "w", encoding="utf-8") as f:
            f.write("/nologo /target:exe /nullable:enable /langversion:latest /debug:portable /optimize- /deterministic /nowarn:BG0022\n")
            f.write(f"/out:{os.path.join(folder, name + '.dll')}\n")
            f.writelines(f"/reference:{r}\n" for r in references)
            f.writelines(f"{s}\n" for s in [program] + sources)

    cpu = {name: [] for name in variants}
    for r in range(options.rounds):
        for name in list(variants)[r % 3:] + list(variants)[:r % 3]:
            before = os.times()
            result = subprocess.run(["dotnet", "exec", csc, "@" + os.path.join(folder, name + ".rsp")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            after = os.times()
            if result.returncode != 0:
                sys.exit(f"{name} does not compile:\n{result.stdout[-4000:]}")
            cpu[name].append(after.children_user - before.children_user + after.children_system - before.children_system)
        print(f"round {r + 1}: " + ", ".join(f"{n} {cpu[n][-1]:.2f} s" for n in variants), flush=True)
    median = {name: statistics.median(times) for name, times in cpu.items()}
    for name in variants:
        print(f"{name:>8}: median {median[name]:.2f} s CPU ({', '.join(f'{t:.2f}' for t in cpu[name])})")
    print(f"the package's code costs the compiler {median['before'] - median['program']:.2f} s before, {median['after'] - median['program']:.2f} s after")


if __name__ == "__main__":
    main()
