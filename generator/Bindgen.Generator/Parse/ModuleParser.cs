using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Bindgen.Generator.Abi;
using Bindgen.Generator.Diagnostics;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Bindgen.Generator.Parse.ParseSupport;

namespace Bindgen.Generator.Parse;

/// <summary>
/// Parse stage: turns a [WasmModule] or [WasmImports] symbol into a <see cref="ModuleModel"/> (plain data plus
/// diagnostics). Problems with the interface as a whole stop its class from being generated; problems with one
/// member leave that member as a throwing stub (<see cref="MemberStubs"/>) and bind the rest.
/// </summary>
internal static class ModuleParser
{
    public const string WasmModuleAttribute = "Bindgen.WasmModuleAttribute";
    public const string WasmExportAttribute = "Bindgen.WasmExportAttribute";
    public const string WasmImportsAttribute = "Bindgen.WasmImportsAttribute";
    public const string WasmImportAttribute = "Bindgen.WasmImportAttribute";
    public const string ClassNameProperty = "ClassName";
    public const string FileProperty = "File";

    /// <summary>The attribute properties that name a guest export (the C convention's memory and allocator).</summary>
    public static readonly string[] ExportNameProperties = { "Memory", "Malloc", "Free" };

    public static ModuleModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        Parse(context, BindingKind.Exports, cancellationToken);

    public static ModuleModel? ParseImports(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        Parse(context, BindingKind.Imports, cancellationToken);

    private static ModuleModel? Parse(GeneratorAttributeSyntaxContext context, BindingKind kind, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration)
        {
            return null;
        }

        // A partial interface is one symbol with several declarations: parse it once, at its first declaration.
        if (type.DeclaringSyntaxReferences.Length > 1 && type.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) != declaration)
        {
            return null;
        }

        AttributeData? attribute = context.Attributes.FirstOrDefault();
        var binding = new BindingInfo(kind, (AbiKind)(NamedInt(attribute, "Abi") ?? 0), NamedString(attribute, "Interface"));
        try
        {
            return ParseType(binding, type, declaration, attribute, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A generator must never throw into the compiler: report the failure at the interface instead.
            LocationInfo? location = LocationOf(declaration.Identifier.GetLocation());
            return new ModuleModel(
                kind, null, null, type.Name, type.Name, type.Name, "internal", string.Empty,
                EquatableArray<MethodModel>.Empty, EquatableArray<MemberStub>.Empty,
                new[] { Diagnostic(DiagnosticDescriptors.InternalError, location, type.Name, e.GetType().Name + ": " + e.Message) }.ToEquatableArray(),
                CanEmit: false, location, new UnsupportedModuleAbi(binding.Abi));
        }
    }

    private static ModuleModel ParseType(BindingInfo binding, INamedTypeSymbol type, TypeDeclarationSyntax declaration, AttributeData? attribute, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        LocationInfo? typeLocation = LocationOf(declaration.Identifier.GetLocation());
        bool canEmit = true;

        string? importModule = null;
        if (binding.Kind == BindingKind.Imports)
        {
            importModule = attribute?.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
            string? problem = NameMapping.ExportNameProblem(importModule);
            if (problem is not null)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidExportName, AttributeArgumentLocation(attribute) ?? typeLocation, importModule ?? "null", problem));
                canEmit = false;
            }
        }

        CheckAbi(binding, attribute, typeLocation, diagnostics, ref canEmit);
        string? plainNamespace = PlainNamespace(type.ContainingNamespace);
        string? ns = plainNamespace is null ? null : CSharpText.QualifiedIdentifier(plainNamespace);
        string className = ClassName(binding, type, attribute, typeLocation, diagnostics, ref canEmit);
        var methods = new List<MethodModel>();
        var stubs = new List<MemberStub>();

        if (type.TypeKind != TypeKind.Interface)
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.NotAnInterface, typeLocation, type.Name, KindName(type), binding.AttributeName));
            canEmit = false;
        }
        else
        {
            if (type.IsGenericType)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.GenericInterface, LocationOf(declaration.TypeParameterList?.GetLocation()) ?? typeLocation, type.Name));
                canEmit = false;
            }

            if (type.ContainingType is not null)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.NestedInterface, typeLocation, type.Name, type.ContainingType.Name));
                canEmit = false;
            }

            if (type.IsFileLocal)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.InterfaceCannotBeBound, typeLocation, type.Name, "it is a file-local type ('file' modifier), which the generated class in another file cannot see; make it internal or public"));
                canEmit = false;
            }

            if (IsObsoleteAsError(type))
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.InterfaceCannotBeBound, typeLocation, type.Name, "it is marked [Obsolete] as an error, so the generated class cannot refer to it"));
                canEmit = false;
            }

            if (canEmit)
            {
                CheckExistingType(binding, type, className, typeLocation, diagnostics, ref canEmit);
            }

            new MemberParser(binding, type, className, typeLocation, methods, stubs, diagnostics).ParseMembers(cancellationToken);
        }

        CheckExportNameArguments(attribute, typeLocation, diagnostics);
        ModuleAbi abi = AbiBackends.Find(binding.Abi)?.ParseModule(binding, attribute, typeLocation, diagnostics) ?? new UnsupportedModuleAbi(binding.Abi);
        string hintName = CSharpText.HintFragment((plainNamespace is null ? string.Empty : plainNamespace + ".") + className) + ".g.cs";
        return new ModuleModel(
            binding.Kind,
            importModule,
            ns,
            type.Name,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            className,
            type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal",
            hintName,
            methods.ToEquatableArray(),
            stubs.ToEquatableArray(),
            diagnostics.ToEquatableArray(),
            canEmit,
            typeLocation,
            abi,
            binding.Kind == BindingKind.Exports ? NamedString(attribute, "Initialize") : null,
            binding.Kind == BindingKind.Exports ? ModuleFileName(NamedString(attribute, FileProperty)) : null,
            binding.Kind == BindingKind.Exports && HasNamedArgument(attribute, FileProperty) ? AttributeArgumentLocation(attribute, FileProperty) ?? typeLocation : null,
            binding.Kind == BindingKind.Exports && HasNamedArgument(attribute, "Initialize") ? AttributeArgumentLocation(attribute, "Initialize") ?? typeLocation : null);
    }

    /// <summary>
    /// Names of guest exports the attribute may give (<c>Memory = "c"</c>...; the C convention reads them): each must
    /// be a valid wasm name, under every ABI.
    /// </summary>
    private static void CheckExportNameArguments(AttributeData? attribute, LocationInfo? typeLocation, List<DiagnosticInfo> diagnostics)
    {
        foreach (string property in ExportNameProperties)
        {
            string? name = HasNamedArgument(attribute, property) ? NamedString(attribute, property) : null;
            if (HasNamedArgument(attribute, property) && NameMapping.ExportNameProblem(name) is { } problem)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidExportName, AttributeArgumentLocation(attribute, property) ?? typeLocation, name ?? "null", problem));
            }
        }
    }

    /// <summary>
    /// [WasmModule(File = ...)] matches a BindgenModule item by file name, so a path is reduced to its last part;
    /// null or blank means no module (a blank one is then reported by the check as naming no module).
    /// </summary>
    internal static string? ModuleFileName(string? file)
    {
        if (file is null)
        {
            return null;
        }

        int slash = Math.Max(file.LastIndexOf('/'), file.LastIndexOf('\\'));
        return file.Substring(slash + 1).Trim();
    }

    /// <summary>Reports an ABI the generator does not implement (yet) and an invalid canonical interface name.</summary>
    private static void CheckAbi(BindingInfo binding, AttributeData? attribute, LocationInfo? typeLocation, List<DiagnosticInfo> diagnostics, ref bool canEmit)
    {
        string? notSupported = AbiBackends.Find(binding.Abi) is { } backend ? backend.Unsupported(binding.Kind) : $"ABI value {(int)binding.Abi}";
        if (notSupported is not null)
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.AbiNotSupported, AttributeArgumentLocation(attribute, "Abi") ?? typeLocation, notSupported));
            canEmit = false;
        }

        if (binding.Interface is not null && NameMapping.ExportNameProblem(binding.Interface) is { } problem)
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidExportName, AttributeArgumentLocation(attribute, "Interface") ?? typeLocation, binding.Interface, problem));
            canEmit = false;
        }
    }

    /// <summary>The generated class's name: <c>ClassName = "..."</c> when given, else derived from the interface's name.</summary>
    private static string ClassName(BindingInfo binding, INamedTypeSymbol type, AttributeData? attribute, LocationInfo? typeLocation, List<DiagnosticInfo> diagnostics, ref bool canEmit)
    {
        if (!HasNamedArgument(attribute, ClassNameProperty))
        {
            string derived = ClassNameFor(type.Name);
            return binding.ReservedMemberNames.Contains(derived) ? derived + "Binding" : derived;
        }

        string? requested = NamedString(attribute, ClassNameProperty);
        string? problem = requested is null ? "the name is null"
            : !SyntaxFacts.IsValidIdentifier(requested) || requested.StartsWith("@", StringComparison.Ordinal) ? "it is not a C# identifier"
            : SyntaxFacts.GetKeywordKind(requested) != SyntaxKind.None ? "it is a C# keyword"
            : binding.ReservedMemberNames.Contains(requested) ? $"the generated class has a member named '{requested}', and a member cannot have its class's name"
            : null;
        if (problem is null)
        {
            return requested!;
        }

        diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidClassName, AttributeArgumentLocation(attribute, ClassNameProperty) ?? typeLocation, requested ?? "null", problem));
        canEmit = false;
        return ClassNameFor(type.Name);
    }

    /// <summary>
    /// A type of the generated class's name already declared in the namespace would clash with it (CS0260 and
    /// worse). A partial class is the user extending the binding, and is allowed.
    /// </summary>
    private static void CheckExistingType(BindingInfo binding, INamedTypeSymbol type, string className, LocationInfo? typeLocation, List<DiagnosticInfo> diagnostics, ref bool canEmit)
    {
        foreach (INamedTypeSymbol existing in type.ContainingNamespace.GetTypeMembers(className))
        {
            if (existing.Arity != 0 || !existing.Locations.Any(l => l.IsInSource))
            {
                continue;
            }

            bool userPartialClass = existing.TypeKind == TypeKind.Class
                && existing.DeclaringSyntaxReferences.All(r => r.GetSyntax() is ClassDeclarationSyntax c && c.Modifiers.Any(SyntaxKind.PartialKeyword));
            bool generatedIsStatic = binding.Kind == BindingKind.Imports;
            string generatedAccessibility = type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal";
            bool accessibilityAgrees = existing.DeclaringSyntaxReferences.All(r =>
                r.GetSyntax() is not ClassDeclarationSyntax c
                || !c.Modifiers.Any(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.InternalKeyword) || m.IsKind(SyntaxKind.PrivateKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword) || m.IsKind(SyntaxKind.FileKeyword))
                || (c.Modifiers.Count(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.InternalKeyword)) == 1 && c.Modifiers.Any(m => m.ValueText == generatedAccessibility) && !c.Modifiers.Any(SyntaxKind.FileKeyword)));
            if (userPartialClass && existing.IsStatic == generatedIsStatic && accessibilityAgrees)
            {
                continue;
            }

            string what = SymbolEqualityComparer.Default.Equals(existing, type) ? "is the interface's own name"
                : userPartialClass && !accessibilityAgrees ? $"is already declared in this namespace as a partial class with other accessibility than the generated one ({generatedAccessibility}, as the interface)"
                : userPartialClass ? $"is already declared in this namespace as a partial class that is {(existing.IsStatic ? string.Empty : "not ")}static, unlike the generated one"
                : $"is already declared in this namespace (a {KindName(existing)}); make that one a partial class to extend the binding, or rename one";
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.ClassNameClash, typeLocation, type.Name, binding.AttributeName, className, what));
            canEmit = false;
        }
    }

    /// <summary>The namespace's dotted name without escapes, or null for the global namespace.</summary>
    private static string? PlainNamespace(INamespaceSymbol? ns)
    {
        var parts = new List<string>();
        for (; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            parts.Insert(0, ns.Name);
        }

        return parts.Count == 0 ? null : string.Join(".", parts);
    }

    internal static string ClassNameFor(string interfaceName) =>
        interfaceName.Length >= 2 && interfaceName[0] == 'I' && char.IsUpper(interfaceName[1])
            ? interfaceName.Substring(1)
            : interfaceName + "Binding";

    internal static string KindName(INamedTypeSymbol type) => type.TypeKind switch
    {
        TypeKind.Class => type.IsRecord ? "record class" : "class",
        TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
        _ => type.TypeKind.ToString().ToLowerInvariant(),
    };
}

/// <summary>What differs between parsing exports and imports.</summary>
internal readonly struct BindingInfo
{
    private static readonly HashSet<string> ExportClassMembers = new(StringComparer.Ordinal) { "Instance", "Memory", "Instantiate", "LoadModule", "Binding" };
    private static readonly HashSet<string> ImportClassMembers = new(StringComparer.Ordinal) { "ModuleName", "Define", "Binding" };

    /// <summary>
    /// The most wasm parameters an export may take: the limit engines put on a function type (Wasmtime's typed
    /// delegates stop at 16; longer signatures are called untyped).
    /// </summary>
    public const int MaxExportParameters = 1000;

    /// <summary>The most parameters a Wasmtime caller-aware callback for an import can take.</summary>
    public const int MaxImportParameters = 12;

    public BindingInfo(BindingKind kind, AbiKind abi = AbiKind.C, string? @interface = null)
    {
        Kind = kind;
        Abi = abi;
        Interface = @interface;
    }

    public BindingKind Kind { get; }

    /// <summary>The binding's calling convention.</summary>
    public AbiKind Abi { get; }

    /// <summary>Under the canonical ABI, the WIT interface export names are prefixed with, or null.</summary>
    public string? Interface { get; }

    public string AttributeName => Kind == BindingKind.Exports ? "[WasmModule]" : "[WasmImports]";

    public string NameAttribute => Kind == BindingKind.Exports ? ModuleParser.WasmExportAttribute : ModuleParser.WasmImportAttribute;

    public string Noun => Kind == BindingKind.Exports ? "export" : "import";

    public int MaxParameters => Kind == BindingKind.Exports ? MaxExportParameters : MaxImportParameters;

    /// <summary>Names of the members every generated class of this kind declares: the class cannot take one of them.</summary>
    public HashSet<string> ReservedMemberNames => Kind == BindingKind.Exports ? ExportClassMembers : ImportClassMembers;
}
