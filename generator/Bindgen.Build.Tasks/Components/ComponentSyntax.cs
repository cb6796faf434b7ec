using System.Collections.Generic;

namespace Bindgen.Build.Tasks.Components;

/// <summary>The index spaces of a component (Binary.md "sort"); core sorts first.</summary>
public enum Sort
{
    /// <summary>core func</summary>
    CoreFunc,
    /// <summary>core table</summary>
    CoreTable,
    /// <summary>core memory</summary>
    CoreMemory,
    /// <summary>core global</summary>
    CoreGlobal,
    /// <summary>core tag</summary>
    CoreTag,
    /// <summary>core type</summary>
    CoreType,
    /// <summary>core module</summary>
    CoreModule,
    /// <summary>core instance</summary>
    CoreInstance,
    /// <summary>func</summary>
    Func,
    /// <summary>value (gated in the component model; read, then reported)</summary>
    Value,
    /// <summary>type</summary>
    Type,
    /// <summary>component</summary>
    Component,
    /// <summary>instance</summary>
    Instance,
}

/// <summary>One definition of a component, in binary order; <see cref="Offset"/> is where it starts in the file.</summary>
internal abstract record Definition(int Offset);

/// <summary>A component definition: its definitions in order, and the enclosing component (for outer aliases).</summary>
internal sealed class ComponentSyntax
{
    public ComponentSyntax(ComponentSyntax? parent, int offset)
    {
        Parent = parent;
        Offset = offset;
    }

    public ComponentSyntax? Parent { get; }

    public int Offset { get; }

    public List<Definition> Definitions { get; } = new();
}

internal sealed record CoreModuleDefinition(int Offset, int Module) : Definition(Offset);

internal sealed record CoreInstantiate(int Offset, uint Module, IReadOnlyList<(string Name, uint Instance)> Arguments) : Definition(Offset);

internal sealed record CoreInlineExports(int Offset, IReadOnlyList<(string Name, Sort Sort, uint Index)> Exports) : Definition(Offset);

internal sealed record CoreTypeDefinition(int Offset) : Definition(Offset);

internal sealed record NestedComponent(int Offset, ComponentSyntax Component) : Definition(Offset);

internal sealed record ComponentInstantiate(int Offset, uint Component, IReadOnlyList<(string Name, Sort Sort, uint Index)> Arguments) : Definition(Offset);

internal sealed record ComponentInlineExports(int Offset, IReadOnlyList<(string Name, Sort Sort, uint Index)> Exports) : Definition(Offset);

internal enum AliasKind
{
    InstanceExport,
    CoreInstanceExport,
    Outer,
}

/// <summary>An alias: of an instance's export (<see cref="Instance"/>, <see cref="Name"/>) or outer (<see cref="Count"/> scopes out, <see cref="Index"/>).</summary>
internal sealed record AliasDefinition(int Offset, Sort Sort, AliasKind Kind, uint Instance, string Name, uint Count, uint Index) : Definition(Offset);

internal sealed record TypeDefinition(int Offset, TypeSyntax Type) : Definition(Offset);

/// <summary>Canonical options: memory, realloc, post-return (core indices) and the string encoding.</summary>
internal sealed record CanonOptions(uint? Memory, uint? Realloc, uint? PostReturn, string Encoding, bool Async, uint? Callback);

internal sealed record CanonLift(int Offset, uint CoreFunc, CanonOptions Options, uint Type) : Definition(Offset);

internal sealed record CanonLower(int Offset, uint Func, CanonOptions Options) : Definition(Offset);

/// <summary>Any other canonical built-in (resource.new/drop/rep, the async and thread built-ins): it defines one core func.</summary>
internal sealed record CanonBuiltin(int Offset, string Name, uint? Type) : Definition(Offset);

internal sealed record StartDefinition(int Offset, uint Func, uint Arguments, uint Results) : Definition(Offset);

internal sealed record ImportDefinition(int Offset, string Name, ExternSyntax Type) : Definition(Offset);

internal sealed record ExportDefinition(int Offset, string Name, Sort Sort, uint Index, ExternSyntax? Type) : Definition(Offset);

/// <summary>A value definition or another gated form: read so the rest can be read, then reported.</summary>
internal sealed record UnsupportedDefinition(int Offset, Sort Sort, string What) : Definition(Offset);

/// <summary>An extern type: <see cref="Sort"/> with a type index (module, func, component, instance) or a type bound.</summary>
/// <param name="Offset">Where it starts.</param>
/// <param name="Sort">CoreModule, Func, Value, Type, Component or Instance.</param>
/// <param name="Index">The type index (or for a type bound <c>eq</c>, the type it equals).</param>
/// <param name="SubResource">A type bound <c>(sub resource)</c>: a fresh abstract resource type.</param>
internal sealed record ExternSyntax(int Offset, Sort Sort, uint Index, bool SubResource);

/// <summary>A type definition as written: a value type, a function type, a component or instance type, a resource type.</summary>
internal abstract record TypeSyntax(int Offset);

/// <summary>A value type reference: a primitive (<see cref="Primitive"/> set) or a type index.</summary>
internal sealed record ValTypeSyntax(int Offset, string? Primitive, uint Index) : TypeSyntax(Offset);

/// <summary>A defined value type: <see cref="Kind"/> is record, variant, list, tuple, flags, enum, option, result, own, borrow, ...</summary>
/// <param name="Offset">Where it starts.</param>
/// <param name="Kind">The WIT kind.</param>
/// <param name="Labels">Field, case, flag or enum labels (empty otherwise).</param>
/// <param name="Types">Field, case, element or tuple types; null entries for cases without a payload or an absent result side.</param>
/// <param name="Index">The resource type index of own/borrow, or a fixed list's length.</param>
internal sealed record DefinedTypeSyntax(int Offset, string Kind, IReadOnlyList<string> Labels, IReadOnlyList<ValTypeSyntax?> Types, uint Index) : TypeSyntax(Offset);

internal sealed record FuncTypeSyntax(int Offset, IReadOnlyList<(string Name, ValTypeSyntax Type)> Parameters, ValTypeSyntax? Result, bool Async) : TypeSyntax(Offset);

/// <summary>A resource type the component defines: representation i32, and its destructor (a core func index), if any.</summary>
internal sealed record ResourceTypeSyntax(int Offset, uint? Destructor) : TypeSyntax(Offset);

/// <summary>A declarator of a component or instance type.</summary>
internal abstract record DeclarationSyntax(int Offset);

internal sealed record CoreTypeDeclaration(int Offset) : DeclarationSyntax(Offset);

internal sealed record TypeDeclaration(int Offset, TypeSyntax Type) : DeclarationSyntax(Offset);

internal sealed record AliasDeclaration(int Offset, AliasDefinition Alias) : DeclarationSyntax(Offset);

internal sealed record ImportDeclaration(int Offset, string Name, ExternSyntax Type) : DeclarationSyntax(Offset);

internal sealed record ExportDeclaration(int Offset, string Name, ExternSyntax Type) : DeclarationSyntax(Offset);

/// <summary>A component type (<see cref="IsInstance"/> false) or instance type, with its declarators.</summary>
internal sealed record InstanceTypeSyntax(int Offset, bool IsInstance, IReadOnlyList<DeclarationSyntax> Declarations) : TypeSyntax(Offset);
