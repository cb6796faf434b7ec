using System.Collections.Generic;
using Bindgen.Generator.Check;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;
using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Abi;

/// <summary>
/// One calling convention, as the pipeline sees it: the core parses the interface, resolves names, checks exports
/// against the build's description and writes the class frame; everything that depends on the ABI goes through
/// this. An ABI is a folder under <c>Abi/</c> with one implementation, registered in <see cref="AbiBackends"/>.
/// </summary>
internal interface IAbiBackend
{
    /// <summary>The <c>Bindgen.WasmAbi</c> value this backend implements.</summary>
    AbiKind Kind { get; }

    /// <summary>What this ABI does not support for <paramref name="kind"/> (reported as BG0013), or null when it does.</summary>
    string? Unsupported(BindingKind kind);

    /// <summary>The ABI's part of the binding, from the attribute and the interface (problems are added to <paramref name="diagnostics"/>).</summary>
    ModuleAbi ParseModule(BindingInfo binding, INamedTypeSymbol type, AttributeData? attribute, LocationInfo? typeLocation, List<DiagnosticInfo> diagnostics);

    /// <summary>Whether interfaces nested in the binding interface are this ABI's to parse (in <see cref="ParseModule"/>) instead of unsupported members.</summary>
    /// <summary>
    /// Whether overloads of one method may bind the same export: true where the module's function takes the same wasm
    /// parameters whichever overload calls it (wasm-bindgen's trailing optional arguments, passed as none when left out).
    /// </summary>
    bool OverloadsShareAnExport { get; }

    bool BindsNestedInterfaces { get; }

    /// <summary>One abstract method of the interface under this ABI, or null when it cannot be bound (a diagnostic says why).</summary>
    MethodModel? ParseMethod(MemberParser parser, IMethodSymbol method, LocationInfo? methodLocation);

    /// <summary>Whether [WasmModule(File = ...)] is checked against the build's description of the module (else this ABI checks its own way).</summary>
    bool ChecksDescription { get; }

    /// <summary>The ABI's own checks of an export binding against its module's description, after the core's.</summary>
    void CheckDescription(ModuleModel module, DescriptionContext description, List<DiagnosticInfo> diagnostics);

    /// <summary>Whether this ABI reads the additional file at <paramref name="path"/> (as <see cref="ReadInput"/>).</summary>
    bool ReadsInput(string path);

    /// <summary>An additional file this ABI reads, as data; never throws.</summary>
    AbiInput ReadInput(string fileName, string text);

    /// <summary>Binds the checked model to this ABI's inputs (for example, the glue it names); the identity where nothing is bound.</summary>
    ModuleModel Bind(ModuleModel module, EquatableArray<AbiInput> inputs);

    /// <summary>The source of a [WasmModule] class.</summary>
    string EmitExports(ModuleModel module);

    /// <summary>The source of a [WasmImports] class.</summary>
    string EmitImports(ModuleModel module);
}

/// <summary>An additional file read by an ABI at build time (wasm-bindgen's JavaScript glue, ...), as value-equatable data.</summary>
/// <param name="FileName">The file's name without its directory, as attributes name it.</param>
internal abstract record AbiInput(string FileName);
