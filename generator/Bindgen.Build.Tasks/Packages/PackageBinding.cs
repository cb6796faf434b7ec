using System;
using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Abi.WasmBindgen;

namespace Bindgen.Build.Tasks.Packages;

/// <summary>One C# member of the generated interface: a method, or a property (getter and/or setter).</summary>
/// <param name="Keys">The glue's names it binds (<c>f</c>, <c>C.m</c>, <c>C.get p</c>...).</param>
/// <param name="Name">The C# name.</param>
/// <param name="Export">The <c>[WasmExport]</c> name (methods), or null for a property.</param>
/// <param name="Types">The method's types, or the property's getter's (else setter's).</param>
/// <param name="PropertyGet">For a property: whether it has a getter.</param>
/// <param name="PropertySet">For a property: whether it has a setter.</param>
/// <param name="Declared">The TypeScript declaration, for the member's documentation.</param>
internal sealed record PackageMember(IReadOnlyList<string> Keys, string Name, string? Export, ExportTypes Types, bool PropertyGet, bool PropertySet, string? Declared);

/// <summary>An export of the package and what became of it.</summary>
/// <param name="Key">The glue's name (<c>f</c>, <c>C.m</c>, <c>C.get p</c>...).</param>
/// <param name="Member">The C# member (<c>Method</c> or <c>IClass.Method</c>), or null when not bound.</param>
/// <param name="Reason">Why it is not bound, or null.</param>
/// <param name="Line">Its line in the <c>.d.ts</c>, or 0.</param>
internal sealed record PackageExport(string Key, string? Member, string? Reason, int Line);

/// <summary>A package's binding: the interface's members, its classes' members, and every export's fate.</summary>
internal sealed record PackageBinding(
    string InterfaceName,
    List<PackageMember> Functions,
    List<(string Class, string Interface, List<PackageMember> Members)> Classes,
    List<PackageExport> Exports,
    IReadOnlyList<TsEnum>? Enums = null,
    IReadOnlyList<string>? SnippetModules = null);

/// <summary>
/// Decides the binding of a package: every export wrapper of the glue (free functions, and the constructor, statics,
/// methods, getters and setters of each class; <c>free</c> is <c>Dispose</c>) mapped to a C# member with .NET names,
/// or not bound with its reason. Declarations the <c>.d.ts</c> has and the glue does not are listed too.
/// </summary>
internal static class PackageBinder
{
    public static PackageBinding Bind(string interfaceName, GlueModel glue, IReadOnlyDictionary<string, string> wasmFunctions, IReadOnlyDictionary<string, TsDeclaration> declarations, ISet<string>? declaredTypes = null, IReadOnlyDictionary<string, TsEnum>? allEnums = null)
    {
        // The .d.ts's numeric enums become C# enums nested in the interface, unless a member or class takes the name.
        var taken = new HashSet<string>(glue.Exports.AsSpan().ToArray().Select(e => DotNetNames.Pascal(e.JsName.Split('.')[0])).Concat(glue.Classes.AsSpan().ToArray().Select(c => "I" + DotNetNames.Pascal(c.Name))), StringComparer.Ordinal);
        var enums = (allEnums ?? new Dictionary<string, TsEnum>()).Where(e => !taken.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var exports = new List<PackageExport>();
        GlueExport[] all = glue.Exports.AsSpan().ToArray();
        var bindable = glue.Classes.AsSpan().ToArray().Where(c => c.Free is not null).Select(c => c.Name).ToList();
        string ClassName(string cls) => "I" + DotNetNames.Pascal(cls);
        string? ClassInterface(string cls) => bindable.Contains(cls) ? ClassName(cls) : null;

        var functionScope = new DotNetNames.Scope(DotNetNames.Reserved.Concat(new[] { interfaceName, interfaceName.Substring(1) })
            .Concat(glue.Classes.AsSpan().ToArray().SelectMany(c => new[] { ClassName(c.Name), DotNetNames.Pascal(c.Name) })));
        var functions = new List<PackageMember>();
        foreach (GlueExport export in all.Where(e => e.Member is GlueMemberKind.Function or GlueMemberKind.Constructor or GlueMemberKind.Static))
        {
            string cls = export.JsName.Split('.')[0];
            if (export.Member != GlueMemberKind.Function && !bindable.Contains(cls))
            {
                exports.Add(new PackageExport(export.JsName, null, $"class '{cls}' has no free() Bindgen reads", LineOf(export.JsName)));
                continue;
            }

            (ExportTypes types, ExportTypes? full) = MapWithOptions(export);
            if (types.Problem is not null)
            {
                exports.Add(new PackageExport(export.JsName, null, types.Problem, LineOf(export.JsName)));
                continue;
            }

            string baseName = export.Member switch
            {
                GlueMemberKind.Constructor => "New" + DotNetNames.Pascal(cls),
                GlueMemberKind.Static => DotNetNames.Pascal(cls) + DotNetNames.Pascal(export.JsName.Substring(cls.Length + 1)),
                _ => DotNetNames.Pascal(export.JsName),
            };
            string name = functionScope.Take(baseName);
            functions.AddRange(Overloads(name, export, types, full));
            exports.Add(new PackageExport(export.JsName, name, null, LineOf(export.JsName)));
        }

        var classes = new List<(string, string, List<PackageMember>)>();
        foreach (GlueClass glueClass in glue.Classes.AsSpan().ToArray().Where(c => bindable.Contains(c.Name)))
        {
            string cls = glueClass.Name;
            string generatedClass = DotNetNames.Pascal(cls);
            var scope = new DotNetNames.Scope(DotNetNames.Reserved.Concat(new[] { generatedClass }));
            var members = new List<PackageMember>();
            GlueExport[] own = all.Where(e => e.TakesSelf && e.JsName.StartsWith(cls + ".", StringComparison.Ordinal)).ToArray();
            foreach (GlueExport export in own.Where(e => e.Member == GlueMemberKind.Method))
            {
                (ExportTypes types, ExportTypes? full) = MapWithOptions(export);
                if (types.Problem is not null)
                {
                    exports.Add(new PackageExport(export.JsName, null, types.Problem, LineOf(export.JsName)));
                    continue;
                }

                string name = scope.Take(DotNetNames.Pascal(export.JsName.Substring(cls.Length + 1)));
                members.AddRange(Overloads(name, export, types, full));
                exports.Add(new PackageExport(export.JsName, ClassName(cls) + "." + name, null, LineOf(export.JsName)));
            }

            // Properties: a getter and the setter of the same name become one property of the getter's type.
            foreach (string property in own.Where(e => e.Member is GlueMemberKind.Getter or GlueMemberKind.Setter).Select(e => e.JsName.Substring(e.JsName.IndexOf(' ') + 1)).Distinct())
            {
                GlueExport? getter = own.FirstOrDefault(e => e.Member == GlueMemberKind.Getter && e.JsName == $"{cls}.get {property}");
                GlueExport? setter = own.FirstOrDefault(e => e.Member == GlueMemberKind.Setter && e.JsName == $"{cls}.set {property}");
                ExportTypes? get = getter is null ? null : Map(getter);
                ExportTypes? set = setter is null ? null : Map(setter);
                string name = DotNetNames.Pascal(property);
                string? nameProblem = !DotNetNames.MapsBack(name, property) || scope.IsTaken(name)
                    ? $"no free C# property name maps back to '{property}' (the generator looks a property up by its name in camelCase or snake_case)"
                    : null;
                string? getType = get?.Problem is null ? get?.Result : null;
                string? setType = set?.Problem is null && set is { Parameters.Count: 1 } ? set.Parameters[0].Type : null;
                // An unsigned getter (`ret >>> 0`) and its setter, which passes the number as it is: one uint property.
                if (getType == "uint" && setType == "int")
                {
                    setType = "uint";
                }

                if (getType is not null && setType is not null && getType != setType)
                {
                    setType = null;
                    set = ExportTypes.Failed($"its value is {set!.Parameters[0].Type} and the getter's {getType}: the property is read-only");
                }

                if (nameProblem is null && (getType is not null || setType is not null))
                {
                    scope.Take(name);
                    var keys = new List<string>();
                    if (getType is not null)
                    {
                        keys.Add(getter!.JsName);
                    }

                    if (setType is not null)
                    {
                        keys.Add(setter!.JsName);
                    }

                    members.Add(new PackageMember(keys, name, null, getType is not null ? get! : set!, getType is not null, setType is not null, Declared(getter?.JsName ?? setter!.JsName)));
                }

                Report(getter, get, getType);
                Report(setter, set, setType);

                void Report(GlueExport? accessor, ExportTypes? types, string? type)
                {
                    if (accessor is not null)
                    {
                        exports.Add(new PackageExport(accessor.JsName, nameProblem is null && type is not null ? ClassName(cls) + "." + name : null, nameProblem ?? types?.Problem, LineOf(accessor.JsName)));
                    }
                }
            }

            classes.Add((cls, ClassName(cls), members));
        }

        // What the declarations promise and the glue does not define (free() is Dispose).
        var known = new HashSet<string>(all.Select(e => e.JsName), StringComparer.Ordinal);
        foreach (TsDeclaration declaration in declarations.Values.OrderBy(d => d.Line))
        {
            string member = declaration.Key.Contains('.') ? declaration.Key.Substring(declaration.Key.IndexOf('.') + 1) : declaration.Key;
            if (!declaration.Merged && !known.Contains(declaration.Key) && member is not ("free" or "[Symbol.dispose]" or "toJSON" or "toString" or "initSync" or "default" or "__wbg_init"))
            {
                exports.Add(new PackageExport(declaration.Key, null, "the .d.ts declares it, and the glue defines no wrapper Bindgen reads for it", declaration.Line));
            }
        }

        return new PackageBinding(interfaceName, functions, classes, exports, enums.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToList());

        ExportTypes Map(GlueExport export, bool passOptionalObjects = false) =>
            ExportTypeMapper.Map(export, declarations.TryGetValue(export.JsName, out TsDeclaration? d) ? d : null,
                wasmFunctions.TryGetValue(export.WasmName, out string? signature) ? signature : null, ClassInterface, declaredTypes, enums, passOptionalObjects);

        // Optional JavaScript objects (options a serde reads): an overload without them passes undefined, as a JavaScript
        // call that omits them; one with them takes each as object? (a dictionary, a record, an anonymous object). When a
        // required parameter follows one, only the overload with them exists.
        (ExportTypes Types, ExportTypes? Full) MapWithOptions(GlueExport export)
        {
            ExportTypes types = Map(export);
            if (types.Problem is null && types.Omitted.Count == 0)
            {
                return (types, null);
            }

            ExportTypes full = Map(export, passOptionalObjects: true);
            return types.Problem is null ? (types, full.Problem is null ? full : null) : full.Problem is null ? (full, null) : (types, null);
        }

        IEnumerable<PackageMember> Overloads(string name, GlueExport export, ExportTypes types, ExportTypes? full)
        {
            yield return new PackageMember(new[] { export.JsName }, name, export.JsName, types, false, false, Declared(export.JsName));
            if (full is not null)
            {
                yield return new PackageMember(new[] { export.JsName }, name, export.JsName, full, false, false, Declared(export.JsName));
            }
        }

        int LineOf(string key) => declarations.TryGetValue(key, out TsDeclaration? d) ? d.Line : 0;

        string? Declared(string key) => declarations.TryGetValue(key, out TsDeclaration? d)
            ? $"{key}({string.Join(", ", d.Parameters.Select(p => $"{p.Name}{(p.Optional ? "?" : string.Empty)}: {p.Type}"))}): {d.Result}"
            : null;
    }
}
