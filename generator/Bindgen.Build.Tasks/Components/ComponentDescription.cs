using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bindgen.Build.Tasks.Components;

/// <summary>
/// Writes the text description of a component that the generator reads (docs/component-description.md): one record
/// per line, tab-separated fields, names escaped as in module descriptions. Types are numbered (<c>#0</c>, <c>#1</c>)
/// in the order functions and interfaces first use them, so the same component always gives the same text.
/// </summary>
public sealed partial class ComponentDescription
{
    /// <summary>The first line of every component description; the number is the format's version.</summary>
    public const string Header = "bindgen-component-description\t1";

    /// <summary>The file extension of a description, appended to the component's file name.</summary>
    public const string Extension = ".bindgen-component";

    private readonly StringBuilder _text = new();
    private readonly StringBuilder _types = new();
    private readonly Dictionary<WitType, string> _ids = new();
    private readonly Dictionary<WitType, WitNamed> _names = new();

    private ComponentDescription()
    {
    }

    /// <summary>The resource name a core module of the component is embedded under.</summary>
    /// <param name="fileName">The component's file name.</param>
    /// <param name="module">The module's number.</param>
    public static string ModuleResourceName(string fileName, int module) =>
        "Bindgen.Modules/" + fileName + "/" + module.ToString(CultureInfo.InvariantCulture) + ".wasm";

    /// <summary>Escapes a name as module descriptions do.</summary>
    public static string Escape(string value) => ModuleDescription.Escape(value);

    /// <summary>The description of <paramref name="info"/>, read from <paramref name="bytes"/>, the component named <paramref name="fileName"/>.</summary>
    /// <param name="fileName">The component's file name (no folder).</param>
    /// <param name="bytes">The whole file (hashed, so a changed component changes the description).</param>
    /// <param name="info">What <see cref="ComponentReader.Read"/> returned for it.</param>
    /// <returns>The description's text, with <c>\n</c> line ends.</returns>
    public static string Write(string fileName, byte[] bytes, ComponentInfo info) => new ComponentDescription().Describe(fileName, bytes, info);

    private string Describe(string fileName, byte[] bytes, ComponentInfo info)
    {
        var head = new StringBuilder();
        head.Append(Header).Append('\n');
        head.Append("file\t").Append(Escape(fileName)).Append('\n');
        head.Append("sha256\t").Append(Sha256(bytes)).Append('\n');
        foreach (int i in EmbeddedModules(info))
        {
            head.Append(string.Join("\t", "module", Number(ModuleNumber(info, i)), ModuleResourceName(fileName, i), Number(info.Modules[i].Length), Sha256(info.Modules[i]))).Append('\n');
        }

        WasiHead(head, fileName, bytes, info);

        // A named type stands for its structure wherever the structure appears (a record used in a variant case
        // before the export that names it), so the generator sees one C# type per WIT type.
        foreach (WitNamed named in AllNamed(info))
        {
            if (!_names.ContainsKey(named.Target) && named.Target is not WitNamed)
            {
                _names.Add(named.Target, named);
            }
        }

        foreach (WitInterfaceFunctions<ImportedFunction> imported in info.Wasi is null ? info.ImportedInterfaces : new())
        {
            Interface("import", imported.Interface);
            foreach (ImportedFunction f in imported.Functions)
            {
                Function("import", f.Interface, f.Name, f.Type);
            }
        }

        foreach (ImportedFunction f in info.ImportedFunctions)
        {
            Function("import", null, f.Name, f.Type);
        }

        foreach (WitInterfaceFunctions<LiftedExport> exported in info.ExportedInterfaces)
        {
            Interface("export", exported.Interface);
            foreach (LiftedExport f in exported.Functions)
            {
                Function("export", f.Interface, f.Name, f.Type);
            }
        }

        foreach (LiftedExport f in info.ExportedFunctions)
        {
            Function("export", null, f.Name, f.Type);
        }

        foreach (WitNamed named in info.WorldTypes)
        {
            Line("world-type", Ref(named));
        }

        foreach (PlanStep step in info.Wasi is null ? info.Plan : WasiPlan(info))
        {
            switch (step)
            {
                case InstantiateStep instantiate:
                    Line("instantiate", Number(instantiate.Instance), Number(instantiate.Module));
                    foreach ((string module, string name, string kind, CoreDef value) in instantiate.Imports)
                    {
                        Line("with", Number(instantiate.Instance), Escape(module), Escape(name), kind, WasiDrop(info, value) ?? Def(value));
                    }

                    break;
                case LowerStep lower:
                    Line("lower", Number(lower.Lowering), Escape(lower.Interface ?? "-"), Escape(lower.Function), Opt(lower.Options.Memory), Opt(lower.Options.Realloc), lower.Options.Encoding);
                    break;
                case AdapterStep adapter:
                    Adapter(adapter);
                    break;
            }
        }

        foreach (LiftedExport f in AllLifted(info))
        {
            Line("lift", Escape(f.Interface ?? "-"), Escape(f.Name), f.Core.Text, Opt(f.Options.Memory), Opt(f.Options.Realloc), Opt(f.Options.PostReturn), f.Options.Encoding);
        }

        foreach (ComponentDiagnostic d in info.Wasi is null ? info.Diagnostics : new())
        {
            Line("diagnostic", Escape(d.What), Escape(d.Where), Escape(d.Message));
        }

        // Types come before the lines that use them, but are numbered while those lines are written.
        return head.ToString() + _types + _text;
    }

    private static IEnumerable<WitNamed> AllNamed(ComponentInfo info)
    {
        foreach (var i in info.ImportedInterfaces)
        {
            foreach (WitNamed t in i.Interface.Types)
            {
                yield return t;
            }
        }

        foreach (var e in info.ExportedInterfaces)
        {
            foreach (WitNamed t in e.Interface.Types)
            {
                yield return t;
            }
        }

        foreach (WitNamed t in info.WorldTypes)
        {
            yield return t;
        }
    }

    private static IEnumerable<LiftedExport> AllLifted(ComponentInfo info)
    {
        foreach (var e in info.ExportedInterfaces)
        {
            foreach (LiftedExport f in e.Functions)
            {
                yield return f;
            }
        }

        foreach (LiftedExport f in info.ExportedFunctions)
        {
            yield return f;
        }
    }

    private void Interface(string direction, WitInterface wit)
    {
        Line("interface", direction, Escape(wit.Name), Escape(wit.Package ?? "-"), Escape(wit.ShortName), Escape(wit.Version ?? "-"));
        foreach (WitNamed type in wit.Types)
        {
            Line("interface-type", direction, Escape(wit.Name), Ref(type));
        }
    }

    private void Function(string direction, string? interfaceName, string name, WitFunction type)
    {
        var fields = new List<string> { "function", direction, Escape(interfaceName ?? "-"), Escape(name), type.Result is null ? "-" : Ref(type.Result) };
        foreach ((string parameter, WitType parameterType) in type.Parameters)
        {
            fields.Add(Escape(parameter) + ":" + Ref(parameterType));
        }

        Line(fields.ToArray());
    }

    /// <summary>A primitive's name, or the number of a defined type (defining it, and what it uses, on first use).</summary>
    private string Ref(WitType type, bool byName = true)
    {
        if (type is WitPrimitive primitive)
        {
            return primitive.Name;
        }

        if (byName && _names.TryGetValue(type, out WitNamed? named))
        {
            type = named;
        }

        if (_ids.TryGetValue(type, out string? id))
        {
            return id;
        }

        var fields = new List<string> { "type", string.Empty };
        switch (type)
        {
            case WitNamed n:
                fields.AddRange(new[] { "named", Escape(n.Owner ?? "-"), Escape(n.Name), Ref(n.Target, byName: false) });
                break;
            case WitDefined d:
                fields.Add(d.Kind);
                for (int i = 0; i < System.Math.Max(d.Labels.Count, d.Types.Count); i++)
                {
                    string label = i < d.Labels.Count ? Escape(d.Labels[i]) : string.Empty;
                    WitType? t = i < d.Types.Count ? d.Types[i] : null;
                    string reference = t is null ? (d.Labels.Count > 0 ? string.Empty : "_") : Ref(t);
                    fields.Add(label.Length == 0 ? reference : reference.Length == 0 ? label : label + ":" + reference);
                }

                if (d.Kind == "fixed-list")
                {
                    fields.Add(Number((int)d.Length));
                }

                break;
            case WitResource r:
                fields.AddRange(new[] { "resource", r.Defined ? "defined" : "imported", r.Destructor is { } destructor ? Def(destructor) : "-" });
                break;
        }

        id = "#" + Number(_ids.Count);
        _ids.Add(type, id);
        fields[1] = id;
        _types.Append(string.Join("\t", fields)).Append('\n');
        return id;
    }

    private static string Opt(CoreDef? def) => def?.Text ?? "-";

    /// <summary>A core definition; a resource built-in with the resource it is for (<c>builtin resource.new #3</c>).</summary>
    private string Def(CoreDef def) => def.Resource is { } resource ? def.Text + " " + Ref(resource) : def.Text;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Sha256(byte[] bytes)
    {
        using SHA256 sha = SHA256.Create();
        var hex = new StringBuilder();
        foreach (byte b in sha.ComputeHash(bytes))
        {
            hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }

    private void Line(params string[] fields) => _text.Append(string.Join("\t", fields)).Append('\n');
}
