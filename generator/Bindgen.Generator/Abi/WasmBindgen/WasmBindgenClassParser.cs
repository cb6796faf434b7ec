using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Bindgen.Generator.Diagnostics;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;
using Microsoft.CodeAnalysis;
using static Bindgen.Generator.Parse.ParseSupport;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// Parses the exported classes a wasm-bindgen binding declares: each interface nested in the binding interface,
/// deriving <c>IDisposable</c>; its methods bind to the class's methods, its properties to the class's getters and
/// setters (the constructor and static methods are methods of the binding interface, named <c>Class.member</c>).
/// </summary>
internal static class WasmBindgenClassParser
{
    public static EquatableArray<WasmBindgenClass> Parse(BindingInfo binding, INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        var classes = new List<WasmBindgenClass>();
        foreach (INamedTypeSymbol nested in type.GetTypeMembers().Where(t => t.TypeKind == TypeKind.Interface))
        {
            LocationInfo? location = LocationOf(nested.Locations.FirstOrDefault());
            string? name = WasmBindgenMethodParser.ClassOf(nested);
            if (name is null || nested.IsGenericType)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedMember, location,
                    $"'{nested.Name}' is a nested interface; in a wasm-bindgen binding a nested interface declares an exported class and must derive IDisposable and not be generic"));
                classes.Add(new WasmBindgenClass(nested.Name, nested.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), EquatableArray<MethodModel>.Empty, false, location));
                continue;
            }

            classes.Add(ParseClass(binding, nested, name, location, diagnostics));
        }

        return classes.ToEquatableArray();
    }

    private static WasmBindgenClass ParseClass(BindingInfo binding, INamedTypeSymbol nested, string name, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var parser = new MemberParser(binding, nested, name, location, new List<MethodModel>(), new List<MemberStub>(), diagnostics);
        var members = new List<MethodModel>();
        bool complete = true;
        foreach (ISymbol member in nested.GetMembers().Concat(nested.AllInterfaces.Where(i => i.ToDisplayString() != "System.IDisposable").SelectMany(i => i.GetMembers())))
        {
            if (!member.IsAbstract || member is IMethodSymbol { AssociatedSymbol: not null })
            {
                continue;
            }

            LocationInfo? memberLocation = LocationOf(member.Locations.FirstOrDefault()) ?? location;
            int before = diagnostics.Count;
            switch (member)
            {
                case IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, IsGenericMethod: false } method:
                    AddIfParsed(WasmBindgenMethodParser.Parse(parser, method, memberLocation));
                    break;
                case IPropertySymbol { IsIndexer: false, IsStatic: false, RefKind: RefKind.None } property:
                    AddIfParsed(property.GetMethod is null ? null : Accessor(property, WasmBindgenAccessor.Get, memberLocation, diagnostics));
                    AddIfParsed(property.SetMethod is null ? null : Accessor(property, WasmBindgenAccessor.Set, memberLocation, diagnostics));
                    break;
                default:
                    diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedMember, memberLocation,
                        $"'{member.Name}' cannot be bound; a class interface declares instance methods and properties"));
                    break;
            }

            complete &= diagnostics.Count == before;
        }

        return new WasmBindgenClass(name, nested.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), members.ToEquatableArray(), complete, location);

        void AddIfParsed(MethodModel? model)
        {
            if (model is not null)
            {
                members.Add(model with { FieldName = "_class_" + name + "_" + members.Count.ToString(CultureInfo.InvariantCulture) });
            }
        }
    }

    /// <summary>A property's getter or setter, as a method: no parameter and the property's type, or one parameter 'value'.</summary>
    private static MethodModel? Accessor(IPropertySymbol property, WasmBindgenAccessor accessor, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        WasmBindgenType? code = WasmBindgenMethodParser.TypeCode(property.Type, property.NullableAnnotation, isResult: accessor == WasmBindgenAccessor.Get);
        if (code is null)
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedType, location, $"Property '{property.Name}'", property.Type.ToDisplayString(), string.Empty, WasmBindgenMethodParser.WasmBindgenSupportedTypes));
            return null;
        }

        string typeName = property.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes));
        var type = new TypeModel(TypeShape.Scalar, ScalarKind.None, typeName);
        string? cls = WasmBindgenMethodParser.ClassOf(property.Type);
        bool get = accessor == WasmBindgenAccessor.Get;
        var signature = new WasmBindgenSignature(
            get ? EquatableArray<WasmBindgenType>.Empty : new[] { code.Value }.ToEquatableArray(),
            get ? code.Value : WasmBindgenType.Void,
            NameGiven: false,
            NameMapping.ToSnakeCase(property.Name),
            ParameterClasses: get ? EquatableArray<string>.Empty : new[] { cls ?? string.Empty }.ToEquatableArray(),
            ResultClass: get ? cls : null,
            Accessor: accessor);
        return new MethodModel(property.Name, WasmBindgenMethodParser.CamelCase(property.Name),
            get ? EquatableArray<ParameterModel>.Empty : new[] { new ParameterModel("value", type, LocalPrefix: "__") }.ToEquatableArray(),
            get ? type : new TypeModel(TypeShape.Void, ScalarKind.None, "void"), FieldName: string.Empty,
            property.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), ImplementExplicitly: false,
            new LoweredSignature(EquatableArray<WasmType>.Empty, EquatableArray<WasmType>.Empty, ReturnArea: false), signature, Location: location);
    }
}
