using System;
using System.Collections.Generic;
using System.Globalization;
using Bindgen.Generator.Check;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Component;

/// <summary>A WIT type line: <c>type #3 record name:string values:#2</c> as id, kind and the remaining fields.</summary>
internal sealed record DescribedType(string Id, string Kind, EquatableArray<string> Fields);

/// <summary>An imported or exported interface and the ids of its named types.</summary>
internal sealed record DescribedInterface(bool IsExport, string Name, string? Package, string ShortName, string? Version, EquatableArray<string> Types);

/// <summary>A parameter: its WIT name and type reference.</summary>
internal sealed record DescribedParameter(string Name, string Type);

/// <summary>A function of the world: imported or exported, in an interface or (Interface null) at world level.</summary>
internal sealed record DescribedFunction(bool IsExport, string? Interface, string Name, string? Result, EquatableArray<DescribedParameter> Parameters);

/// <summary>A plan step: <c>instantiate</c> (Number = instance, Module, Imports in the module's import order) or <c>lower</c>.</summary>
internal sealed record DescribedStep(string Kind, int Number, int Module, EquatableArray<string> Imports, string? Interface, string? Function, string? Memory, string? Realloc, string Encoding);

/// <summary>How an exported function is lifted: the core function and the options' core definitions.</summary>
internal sealed record DescribedLift(string? Interface, string Name, string Core, string? Memory, string? Realloc, string? PostReturn, string Encoding);

/// <summary>A fused adapter of a composed component: core function <c>lowered Number</c> calls <see cref="Lift"/>, typed <see cref="Function"/>.</summary>
internal sealed record DescribedAdapter(int Number, DescribedFunction Function, DescribedLift Lift);

/// <summary>How a component that imports WASI runs: the preview-1 bypass (calling <c>_initialize</c> or not), Bindgen's WASI 0.2 host (<paramref name="Host"/>), or the fallback, with why.</summary>
internal sealed record DescribedWasi(bool Bypass, bool Initialize, string? Reason, string? Component, EquatableArray<string> Imports, bool Host = false);

/// <summary>
/// A component as the build described it (docs/component-description.md). Plain data: the pipeline caches it until
/// the description changes, so an edit to C# code never re-reads or re-emits a component.
/// </summary>
internal sealed record ComponentFile(
    string Path,
    string FileName,
    string? Error,
    EquatableArray<string> Modules,
    EquatableArray<DescribedType> Types,
    EquatableArray<DescribedInterface> Interfaces,
    EquatableArray<DescribedFunction> Functions,
    EquatableArray<DescribedStep> Plan,
    EquatableArray<DescribedLift> Lifts,
    string? ClassName,
    string? Namespace,
    EquatableArray<DescribedDoc> Docs = default)
{
    /// <summary>For a component that imports WASI: its tier (docs/components.md, "WASI"); null otherwise.</summary>
    public DescribedWasi? Wasi { get; init; }

    /// <summary>The fused adapters of a composed component, by lowering number; each is also an <c>adapter</c> step of <see cref="Plan"/>.</summary>
    public EquatableArray<DescribedAdapter> Adapters { get; init; } = EquatableArray<DescribedAdapter>.Empty;

    public const string Magic = "bindgen-component-description";
    public const string Version = "1";
    public const string Extension = ".bindgen-component";

    public static bool IsDescription(string path) => path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a description; never throws (a malformed one has <see cref="Error"/> set).</summary>
    public static ComponentFile Parse(string path, string? text)
    {
        string name = path.Substring(Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\')) + 1);
        string fileName = IsDescription(name) ? name.Substring(0, name.Length - Extension.Length) : name;
        if (text is null)
        {
            return Failed(path, fileName, "the description could not be read");
        }

        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines[0] != Magic + "\t" + Version)
        {
            return Failed(path, fileName, lines[0].StartsWith(Magic, StringComparison.Ordinal)
                ? $"the description has another format version than {Version}; use the same version of the Bindgen package for the build and the generator"
                : "the description does not start with '" + Magic + "'");
        }

        var modules = new List<string>();
        var types = new List<DescribedType>();
        var interfaces = new List<(bool, string, string?, string, string?, List<string>)>();
        var functions = new List<DescribedFunction>();
        var plan = new List<DescribedStep>();
        var lifts = new List<DescribedLift>();
        var withs = new Dictionary<int, List<string>>();
        var docs = new List<DescribedDoc>();
        var adapters = new List<DescribedAdapter>();
        string? className = null, ns = null;
        DescribedWasi? wasi = null;
        var wasiImports = new List<string>();
        for (int i = 1; i < lines.Length; i++)
        {
            string[] f = lines[i].Split('\t');
            try
            {
                switch (f[0])
                {
                    case "file": fileName = U(f[1]); break;
                    case "module": modules.Add(U(f[2])); break;
                    case "type": types.Add(new DescribedType(f[1], f[2], Rest(f, 3))); break;
                    case "interface": interfaces.Add((f[1] == "export", U(f[2]), Opt(f[3]), U(f[4]), Opt(f[5]), new List<string>())); break;
                    case "interface-type":
                        interfaces.FindLast(x => x.Item1 == (f[1] == "export") && x.Item2 == U(f[2])).Item6.Add(f[3]);
                        break;
                    case "function":
                        functions.Add(new DescribedFunction(f[1] == "export", Opt(f[2]), U(f[3]), f[4] == "-" ? null : f[4], Parameters(f, 5)));
                        break;
                    case "instantiate":
                        int instance = Number(f[1]);
                        withs[instance] = new List<string>();
                        plan.Add(new DescribedStep("instantiate", instance, Number(f[2]), EquatableArray<string>.Empty, null, null, null, null, "utf8"));
                        break;
                    case "with": withs[Number(f[1])].Add(f[5]); break;
                    case "lower": plan.Add(new DescribedStep("lower", Number(f[1]), -1, EquatableArray<string>.Empty, Opt(f[2]), U(f[3]), Opt(f[4]), Opt(f[5]), f[6])); break;
                    case "adapter":
                        DescribedAdapter adapter = Adapter(f);
                        adapters.Add(adapter);
                        plan.Add(new DescribedStep("adapter", adapter.Number, -1, EquatableArray<string>.Empty, null, adapter.Function.Name, Opt(f[3]), Opt(f[4]), f[5]));
                        break;
                    case "lift": lifts.Add(new DescribedLift(Opt(f[1]), U(f[2]), f[3], Opt(f[4]), Opt(f[5]), Opt(f[6]), f[7])); break;
                    case "doc": docs.Add(new DescribedDoc(Opt(f[1]), Opt(f[2]), f[3], Opt(f[4]), Opt(f[5]), U(f[6]))); break;
                    case "class-name": className = U(f[1]); break;
                    case "namespace": ns = U(f[1]); break;
                    case "wasi" when f[1] == "host": wasi = new DescribedWasi(false, false, null, null, EquatableArray<string>.Empty, Host: true); break;
                    case "wasi": wasi = new DescribedWasi(f[1] == "bypass", f[1] == "bypass" && f[2] == "_initialize", f[1] == "bypass" ? null : U(f[2]), null, EquatableArray<string>.Empty); break;
                    case "component": wasi = wasi! with { Component = U(f[1]) }; break;
                    case "wasi-import": wasiImports.Add(U(f[1])); break;
                    case "diagnostic": return Failed(path, fileName, "the build reported that the component cannot be bound: " + U(f[3]));
                }
            }
            catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or FormatException or KeyNotFoundException or OverflowException or NullReferenceException)
            {
                return Failed(path, fileName, $"line {i + 1} of the description is malformed");
            }
        }

        for (int s = 0; s < plan.Count; s++)
        {
            if (plan[s].Kind == "instantiate")
            {
                plan[s] = plan[s] with { Imports = withs[plan[s].Number].ToEquatableArray() };
            }
        }

        var described = new List<DescribedInterface>();
        foreach ((bool isExport, string iname, string? package, string shortName, string? version, List<string> ids) in interfaces)
        {
            described.Add(new DescribedInterface(isExport, iname, package, shortName, version, ids.ToEquatableArray()));
        }

        return new ComponentFile(path, fileName, null, modules.ToEquatableArray(), types.ToEquatableArray(), described.ToEquatableArray(),
            functions.ToEquatableArray(), plan.ToEquatableArray(), lifts.ToEquatableArray(), className, ns, docs.ToEquatableArray())
        {
            Wasi = wasi is null ? null : wasi with { Imports = wasiImports.ToEquatableArray() },
            Adapters = adapters.ToEquatableArray(),
        };
    }

    /// <summary><c>adapter n function caller-memory caller-realloc caller-encoding core callee-memory callee-realloc callee-post-return callee-encoding result parameters...</c></summary>
    private static DescribedAdapter Adapter(string[] f)
    {
        string name = U(f[2]);
        var function = new DescribedFunction(true, null, name, f[11] == "-" ? null : f[11], Parameters(f, 12));
        return new DescribedAdapter(Number(f[1]), function, new DescribedLift(null, name, f[6], Opt(f[7]), Opt(f[8]), Opt(f[9]), f[10]));
    }

    /// <summary>The <c>name:type</c> fields from <paramref name="from"/> on.</summary>
    private static EquatableArray<DescribedParameter> Parameters(string[] f, int from)
    {
        var parameters = new List<DescribedParameter>();
        for (int p = from; p < f.Length; p++)
        {
            int colon = f[p].LastIndexOf(':');
            parameters.Add(new DescribedParameter(U(f[p].Substring(0, colon)), f[p].Substring(colon + 1)));
        }

        return parameters.ToEquatableArray();
    }

    private static string U(string value) => ModuleDescription.Unescape(value);

    private static string? Opt(string value) => value == "-" ? null : U(value);

    private static int Number(string value) => int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static EquatableArray<string> Rest(string[] fields, int from)
    {
        var rest = new List<string>();
        for (int i = from; i < fields.Length; i++)
        {
            rest.Add(fields[i]);
        }

        return rest.ToEquatableArray();
    }

    private static ComponentFile Failed(string path, string fileName, string error) =>
        new(path, fileName, error, EquatableArray<string>.Empty, EquatableArray<DescribedType>.Empty, EquatableArray<DescribedInterface>.Empty,
            EquatableArray<DescribedFunction>.Empty, EquatableArray<DescribedStep>.Empty, EquatableArray<DescribedLift>.Empty, null, null);
}
