using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>What only the wasm-bindgen ABI reads of a binding: the glue it names and, once bound, the glue as read.</summary>
/// <param name="Glue">[WasmModule(Glue = ...)] reduced to its file name; null when not given.</param>
/// <param name="GlueLocation">Where Glue is given (else the interface's name).</param>
/// <param name="Bound">The glue as read, once bound (the emitter reads its module-wide facts).</param>
/// <param name="Classes">The interfaces nested in the binding interface: the exported classes it binds.</param>
/// <param name="Snippets">The package's own JavaScript modules the glue's imports call, once bound (<see cref="WasmBindgenSnippets"/>).</param>
internal sealed record WasmBindgenModule(string? Glue, LocationInfo? GlueLocation, GlueModel? Bound = null, EquatableArray<WasmBindgenClass> Classes = default, EquatableArray<WasmBindgenSnippetModule> Snippets = default) : ModuleAbi(AbiKind.WasmBindgen);

/// <summary>What a class member's method stands for: a method, or one accessor of a property.</summary>
internal enum WasmBindgenAccessor
{
    None,
    Get,
    Set,
}

/// <summary>
/// One exported class, declared as an interface nested in the binding interface that derives <c>IDisposable</c>;
/// its name without the leading <c>I</c> is the JavaScript class's.
/// </summary>
/// <param name="Name">The JavaScript class (and the generated class's) name.</param>
/// <param name="InterfaceFullName">The nested interface, fully qualified.</param>
/// <param name="Members">Its methods, and one method model per property accessor.</param>
/// <param name="Complete">False when a member could not be parsed (a diagnostic says why): then nothing is generated.</param>
/// <param name="Location">The interface's name.</param>
/// <param name="Bound">The glue's class, once bound.</param>
internal sealed record WasmBindgenClass(string Name, string InterfaceFullName, EquatableArray<MethodModel> Members, bool Complete, LocationInfo? Location, GlueClass? Bound = null);

/// <summary>A wasm-bindgen method: the C# type of each parameter and the result, and how the export name was given.</summary>
/// <param name="Parameters">The parameters' types.</param>
/// <param name="Result">The result's type, <see cref="WasmBindgenType.Void"/> for none.</param>
/// <param name="NameGiven">Whether [WasmExport] names the JavaScript function (else camelCase, then snake_case, is looked up).</param>
/// <param name="SnakeName">The method's name in snake_case, the fallback name.</param>
/// <param name="Export">The glue's wrapper, once bound.</param>
/// <param name="ParameterClasses">Per parameter, the class of an <see cref="WasmBindgenType.Instance"/> (else empty).</param>
/// <param name="ResultClass">The class of an <see cref="WasmBindgenType.Instance"/> result.</param>
/// <param name="Accessor">For a member of a class interface: a method, or a property's getter or setter.</param>
/// <param name="ParameterShapes">Per parameter, the JavaScript shape of a <see cref="WasmBindgenType.Structured"/> one (else null).</param>
/// <param name="ResultShape">The JavaScript shape of a <see cref="WasmBindgenType.Structured"/> result.</param>
/// <param name="Records">The record types those shapes reach (their mappings are emitted once per binding).</param>
/// <param name="AsyncResult">For an async export declared <c>Task&lt;T&gt;</c>: T as C# spells it (<see cref="Result"/> is T's type); else null.</param>
/// <param name="Enums">Per parameter, then the result: a C# enum's member names in value order (checked against a string enum of the glue), else empty.</param>
internal sealed record WasmBindgenSignature(
    EquatableArray<WasmBindgenType> Parameters,
    WasmBindgenType Result,
    bool NameGiven,
    string SnakeName,
    GlueExport? Export = null,
    EquatableArray<string> ParameterClasses = default,
    string? ResultClass = null,
    WasmBindgenAccessor Accessor = WasmBindgenAccessor.None,
    EquatableArray<JsShape?> ParameterShapes = default,
    JsShape? ResultShape = null,
    EquatableArray<JsRecordType> Records = default,
    string? AsyncResult = null,
    EquatableArray<EquatableArray<string>> Enums = default) : MethodAbi;

/// <summary>Typed access to the wasm-bindgen parts of the model.</summary>
internal static class WasmBindgenModelAccess
{
    /// <summary>The binding's wasm-bindgen part.</summary>
    public static WasmBindgenModule WasmBindgen(this ModuleModel module) => (WasmBindgenModule)module.Abi;

    /// <summary>The method's wasm-bindgen part.</summary>
    public static WasmBindgenSignature WasmBindgen(this MethodModel method) => (WasmBindgenSignature)method.Abi;
}
