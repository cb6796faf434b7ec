using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Bindgen.Generator.Diagnostics;
using Bindgen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bindgen.Generator.Parse;

/// <summary>Parse stage: turns a [WasmModule] symbol into a <see cref="ModuleModel"/> (plain data plus diagnostics).</summary>
internal static class ModuleParser
{
    public const string WasmModuleAttribute = "Bindgen.WasmModuleAttribute";
    public const string WasmExportAttribute = "Bindgen.WasmExportAttribute";
    public const string WasmImportsAttribute = "Bindgen.WasmImportsAttribute";
    public const string WasmImportAttribute = "Bindgen.WasmImportAttribute";

    /// <summary>The most parameters a Wasmtime typed delegate for an export can take.</summary>
    public const int MaxExportParameters = 16;

    /// <summary>The most parameters a Wasmtime caller-aware callback for an import can take.</summary>
    public const int MaxImportParameters = 12;

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

        try
        {
            return ParseType(new BindingInfo(kind), type, declaration, context.Attributes.FirstOrDefault(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A generator must never throw into the compiler: on a failure we cannot explain, emit nothing
            // and let the compiler report the interface as unimplemented wherever it is used.
            return null;
        }
    }

    private static ModuleModel ParseType(BindingInfo binding, INamedTypeSymbol type, TypeDeclarationSyntax declaration, AttributeData? attribute, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        string? importModule = null;
        if (binding.Kind == BindingKind.Imports)
        {
            importModule = attribute?.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
            string? problem = NameMapping.ExportNameProblem(importModule);
            if (problem is not null)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidExportName, AttributeArgumentLocation(attribute) ?? LocationOf(declaration.Identifier.GetLocation()), importModule ?? "null", problem));
            }
        }

        LocationInfo? typeLocation = LocationOf(declaration.Identifier.GetLocation());
        string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : null;
        string className = ClassNameFor(type.Name);
        var methods = new List<MethodModel>();

        if (type.TypeKind != TypeKind.Interface)
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.NotAnInterface, typeLocation, type.Name, KindName(type), binding.AttributeName));
        }
        else
        {
            if (type.IsGenericType)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.GenericInterface, LocationOf(declaration.TypeParameterList?.GetLocation()) ?? typeLocation, type.Name));
            }

            if (type.ContainingType is not null)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.NestedInterface, typeLocation, type.Name, type.ContainingType.Name));
            }

            ParseMembers(binding, type, typeLocation, methods, diagnostics, cancellationToken);
        }

        return new ModuleModel(
            binding.Kind,
            importModule,
            ns,
            type.Name,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            className,
            type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal",
            (ns is null ? string.Empty : ns + ".") + className + ".g.cs",
            methods.ToEquatableArray(),
            diagnostics.ToEquatableArray(),
            binding.Kind == BindingKind.Exports ? NamedString(attribute, "Initialize") : null);
    }

    private static string? NamedString(AttributeData? attribute, string name) =>
        attribute?.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value as string;

    private static void ParseMembers(BindingInfo binding, INamedTypeSymbol type, LocationInfo? typeLocation, List<MethodModel> methods, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var exportOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        IEnumerable<ISymbol> members = type.GetMembers().Concat(type.AllInterfaces.SelectMany(i => i.GetMembers()));
        foreach (ISymbol member in members)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Static members and members with a default body need no implementation.
            if (member.IsStatic || !member.IsAbstract)
            {
                continue;
            }

            LocationInfo? memberLocation = LocationOf(member.Locations.FirstOrDefault()) ?? typeLocation;
            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
            {
                if (member is IMethodSymbol { AssociatedSymbol: not null })
                {
                    continue; // accessors are reported through their property or event
                }

                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedMember, memberLocation, member.Name, MemberKindName(member), binding.AttributeName));
                continue;
            }

            if (method.IsGenericMethod)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedMember, memberLocation, method.Name, "generic method", binding.AttributeName));
                continue;
            }

            MethodModel? model = ParseMethod(binding, method, memberLocation, diagnostics);
            if (model is null)
            {
                continue;
            }

            if (exportOwners.TryGetValue(model.ExportName, out string? owner))
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.DuplicateExportName, ExportNameLocation(binding, method) ?? memberLocation, method.Name, binding.Noun, model.ExportName, owner));
                continue;
            }

            exportOwners.Add(model.ExportName, method.Name);
            methods.Add(model);
        }
    }

    private static MethodModel? ParseMethod(BindingInfo binding, IMethodSymbol method, LocationInfo? methodLocation, List<DiagnosticInfo> diagnostics)
    {
        int errorsBefore = diagnostics.Count;
        var syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax;
        var parameters = new List<ParameterModel>();
        int wasmParameters = 0;

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            LocationInfo? parameterLocation = LocationOf(ParameterTypeLocation(parameter)) ?? methodLocation;
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedMember, parameterLocation, method.Name + "(" + parameter.Name + ")", "parameter passed by reference or as params", binding.AttributeName));
                continue;
            }

            TypeModel? type = TypeClassifier.ClassifyParameter(parameter.Type);
            if (type is null)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedType, parameterLocation, "Parameter", parameter.Name, method.Name, Display(parameter.Type), DiagnosticDescriptors.SupportedTypes));
                continue;
            }

            wasmParameters += TypeClassifier.WasmSlots(type.Kind);
            parameters.Add(new ParameterModel(EscapeIdentifier(parameter.Name), type));
        }

        TypeModel? returnType = TypeClassifier.ClassifyReturn(method.ReturnType);
        if (returnType is null)
        {
            LocationInfo? returnLocation = LocationOf(syntax?.ReturnType.GetLocation()) ?? methodLocation;
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedType, returnLocation, "Return type", "return", method.Name, Display(method.ReturnType), DiagnosticDescriptors.SupportedTypes));
        }
        else if (TypeClassifier.ReturnsThroughReturnArea(returnType.Kind))
        {
            wasmParameters++;
        }

        if (wasmParameters > binding.MaxParameters)
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.TooManyParameters, methodLocation, method.Name, wasmParameters.ToString(System.Globalization.CultureInfo.InvariantCulture), binding.MaxParameters.ToString(System.Globalization.CultureInfo.InvariantCulture), binding.Noun));
        }

        string? exportName = ExportName(binding, method, methodLocation, diagnostics);
        if (diagnostics.Count != errorsBefore || returnType is null || exportName is null)
        {
            return null;
        }

        return new MethodModel(method.Name, exportName, parameters.ToEquatableArray(), returnType);
    }

    private static string? ExportName(BindingInfo binding, IMethodSymbol method, LocationInfo? methodLocation, List<DiagnosticInfo> diagnostics)
    {
        AttributeData? attribute = NameAttribute(binding, method);
        if (attribute is null)
        {
            return NameMapping.ToSnakeCase(method.Name);
        }

        LocationInfo? location = ExportNameLocation(binding, method) ?? methodLocation;
        string? name = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        string? problem = NameMapping.ExportNameProblem(name);
        if (problem is not null)
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidExportName, location, name ?? "null", problem));
            return null;
        }

        return name;
    }

    private static AttributeData? NameAttribute(BindingInfo binding, IMethodSymbol method) =>
        method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == binding.NameAttribute);

    private static LocationInfo? ExportNameLocation(BindingInfo binding, IMethodSymbol method) =>
        AttributeArgumentLocation(NameAttribute(binding, method));

    private static LocationInfo? AttributeArgumentLocation(AttributeData? attribute)
    {
        if (attribute?.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax syntax)
        {
            return LocationOf(syntax.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation() ?? syntax.GetLocation());
        }

        return null;
    }

    /// <summary>What differs between parsing exports and imports.</summary>
    private readonly struct BindingInfo
    {
        public BindingInfo(BindingKind kind) => Kind = kind;

        public BindingKind Kind { get; }

        public string AttributeName => Kind == BindingKind.Exports ? "[WasmModule]" : "[WasmImports]";

        public string NameAttribute => Kind == BindingKind.Exports ? WasmExportAttribute : WasmImportAttribute;

        public string Noun => Kind == BindingKind.Exports ? "export" : "import";

        public int MaxParameters => Kind == BindingKind.Exports ? MaxExportParameters : MaxImportParameters;
    }

    private static Location? ParameterTypeLocation(IParameterSymbol parameter) =>
        parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is ParameterSyntax { Type: { } type }
            ? type.GetLocation()
            : parameter.Locations.FirstOrDefault();

    internal static string ClassNameFor(string interfaceName) =>
        interfaceName.Length >= 2 && interfaceName[0] == 'I' && char.IsUpper(interfaceName[1])
            ? interfaceName.Substring(1)
            : interfaceName + "Binding";

    private static string EscapeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.VarKeyword
            ? "@" + name
            : name;

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);

    private static string KindName(INamedTypeSymbol type) => type.TypeKind switch
    {
        TypeKind.Class => type.IsRecord ? "record class" : "class",
        TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
        _ => type.TypeKind.ToString().ToLowerInvariant(),
    };

    private static string MemberKindName(ISymbol member) => member switch
    {
        IPropertySymbol { IsIndexer: true } => "indexer",
        IPropertySymbol => "property",
        IEventSymbol => "event",
        IMethodSymbol m => m.MethodKind.ToString().ToLowerInvariant(),
        _ => member.Kind.ToString().ToLowerInvariant(),
    };

    private static LocationInfo? LocationOf(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    private static DiagnosticInfo Diagnostic(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] args) =>
        new(descriptor.Id, location, args.ToEquatableArray());
}
