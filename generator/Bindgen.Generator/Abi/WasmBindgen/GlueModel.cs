using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>How the glue lowers one argument of an export (which helper its wrapper calls on it).</summary>
internal enum GlueParameterKind
{
    /// <summary>Passed as it is: a number or a boolean.</summary>
    Number,

    /// <summary><c>passStringToWasm0</c>: pointer and length of a guest-owned UTF-8 copy.</summary>
    String,

    /// <summary><c>isLikeNone(x) ? 0 : passStringToWasm0(...)</c>.</summary>
    OptionalString,

    /// <summary><c>passArray8ToWasm0</c>: pointer and length of a guest-owned copy.</summary>
    Bytes,

    /// <summary><c>passArray16ToWasm0</c>, <c>passArray32ToWasm0</c>, <c>passArrayF64ToWasm0</c>...: a typed array, element type in <see cref="GlueParameter.Element"/>.</summary>
    Array,

    /// <summary><c>isLikeNone(x) ? 0xFFFFFF : x ? 1 : 0</c>.</summary>
    OptionalBool,

    /// <summary><c>addHeapObject(x)</c> or <c>addToExternrefTable0(x)</c>: a JavaScript value the module takes ownership of.</summary>
    Object,

    /// <summary><c>addBorrowedObject(x)</c>: a JavaScript value lent for the call.</summary>
    BorrowedObject,

    /// <summary><c>isLikeNone(x) ? 0x100000001 : (x) &gt;&gt;&gt; 0</c>: an <c>Option&lt;u32&gt;</c> (or with <c>&gt;&gt; 0</c>, <c>Option&lt;i32&gt;</c>) as one f64.</summary>
    OptionalInt,

    /// <summary><c>isLikeNone(x) ? 0 : addHeapObject(x)</c>: an optional JavaScript object, passed as none when omitted.</summary>
    OptionalObject,

    /// <summary><c>x.__destroy_into_raw()</c>: an instance of an exported class, moved into the call (class in <see cref="GlueParameter.Element"/>).</summary>
    OwnedInstance,

    /// <summary><c>_assertClass(x, C); ... x.__wbg_ptr</c>: an instance of an exported class, lent for the call.</summary>
    BorrowedInstance,

    /// <summary><c>isLikeNone(x) ? 0 : passArray8ToWasm0(x, ...)</c>: an optional <c>Uint8Array</c> (none is a null pointer).</summary>
    OptionalBytes,

    /// <summary><c>!isLikeNone(x), isLikeNone(x) ? 0 : x</c>: an <c>Option</c> of a number as a flag and a value (the value's wasm type is the declared type's).</summary>
    OptionalNumber,

    /// <summary><c>passArrayJsValueToWasm0(x, malloc)</c>: an array of JavaScript values (<c>Vec&lt;JsValue&gt;</c>), each given to the module as a heap handle or externref-table slot.</summary>
    ValueArray,

    /// <summary><c>isLikeNone(x) ? 0 : passArrayJsValueToWasm0(x, malloc)</c>: an optional array of JavaScript values.</summary>
    OptionalValueArray,

    /// <summary><c>if (!isLikeNone(x)) { _assertClass(x, C); ptr = x.__destroy_into_raw(); }</c>: an optional instance, moved (none is 0).</summary>
    OptionalOwnedInstance,

    /// <summary><c>isLikeNone(x) ? 0 : x.__wbg_ptr</c> (after <c>_assertClass</c>): an optional instance, lent for the call (none is 0).</summary>
    OptionalBorrowedInstance,

    /// <summary>Anything else (a required JavaScript object, a closure): not supported.</summary>
    Other,
}

/// <summary>What an export wrapper is: a free function or a member of an exported class.</summary>
internal enum GlueMemberKind
{
    Function,
    Constructor,
    Method,
    Static,
    Getter,
    Setter,
}

/// <summary>How the glue lifts an export's result.</summary>
internal enum GlueResultKind
{
    Void,
    Number,
    Bool,
    Unsigned,
    String,
    OptionalString,
    Bytes,
    Array,
    StringArray,
    Object,

    /// <summary>An optional number (<see cref="GlueOptionalResult"/>: the form in <see cref="GlueExport.ResultElement"/>, the flag's slot in <see cref="GlueExport.LengthSlot"/>).</summary>
    OptionalNumber,

    /// <summary><c>C.__wrap(ret)</c>, or a constructor's own pointer: a new instance of an exported class (class in <see cref="GlueExport.ResultElement"/>).</summary>
    Instance,

    /// <summary><c>ret === 0 ? undefined : C.__wrap(ret)</c>: an <c>Option</c> of a new instance (class in <see cref="GlueExport.ResultElement"/>).</summary>
    OptionalInstance,

    /// <summary><c>if (r0 !== 0) { v = getArrayU8FromWasm0(r0, r1).slice(); ... }</c>: an <c>Option&lt;Vec&lt;u8&gt;&gt;</c>, undefined for none (a null pointer).</summary>
    OptionalBytes,

    /// <summary><c>String.fromCodePoint(r0)</c>: a <c>char</c>, one Unicode scalar value as a string (two UTF-16 units outside the BMP).</summary>
    Char,
    Other,
}

/// <summary>Where the export's raw results are: a return area on the module's stack, several wasm results, or one.</summary>
internal enum GlueTransport
{
    Direct,
    ReturnArea,
    MultiValue,
}

/// <summary>One argument of an export wrapper.</summary>
/// <param name="Name">The JavaScript parameter's name.</param>
/// <param name="Kind">How it is lowered.</param>
/// <param name="Text">The wasm argument expression, for messages.</param>
/// <param name="Element">For <see cref="GlueParameterKind.Array"/>: the helper's element (<c>16</c>, <c>32</c>, <c>64</c>, <c>F32</c>, <c>F64</c>); for <see cref="GlueParameterKind.OptionalInt"/>, <c>u32</c> or <c>i32</c>; for <see cref="GlueParameterKind.Number"/>, <c>bool</c> when the glue converts it with <c>+x</c>.</param>
internal sealed record GlueParameter(string Name, GlueParameterKind Kind, string Text, string? Element = null);

/// <summary>
/// One export wrapper of the glue: the JavaScript function, the wasm export it calls, and where its result and
/// error live (slot indices into the return area or the multi-value result; -1 when absent). Before 0.2.6x the
/// return area was a fixed address (<c>const retptr = 8;</c>): <c>FixedArea</c>, else -1. <c>AreaSize</c> is what the
/// wrapper reserves on the shadow stack (<c>add_to_stack_pointer(-16)</c>; wider, 32, when a result holds an f64 beside
/// an error, as <c>Result&lt;Option&lt;f64&gt;, JsValue&gt;</c>): slot N is the 32-bit word at <c>retptr + 4 * N</c>.
/// </summary>
internal sealed record GlueExport(
    string JsName,
    string WasmName,
    EquatableArray<GlueParameter> Parameters,
    GlueTransport Transport,
    GlueResultKind Result,
    int ResultSlot,
    int LengthSlot,
    int ErrorSlot,
    int ErrorFlagSlot,
    string? Problem,
    string? ResultElement = null,
    int FixedArea = -1,
    GlueMemberKind Member = GlueMemberKind.Function,
    bool TakesSelf = false,
    int AreaSize = 16);

/// <summary>An exported class (<c>#[wasm_bindgen] pub struct</c>): its JavaScript name and the export that frees an instance.</summary>
/// <param name="Name">The JavaScript class name.</param>
/// <param name="Free">The <c>__wbg_&lt;name&gt;_free</c> export, or null when the glue's <c>free()</c> could not be read.</param>
/// <param name="FreeTakesFlag">Whether the free export takes a second argument (0.2.9x and later: 0 from <c>free()</c>).</param>
internal sealed record GlueClass(string Name, string? Free, bool FreeTakesFlag);

/// <summary>One import the glue defines and the operation its body performs (<c>unknown</c> when not recognized).</summary>
/// <param name="Name">The import's name.</param>
/// <param name="Operation">The operation.</param>
/// <param name="CatchesErrors">Whether the glue wraps it in <c>handleError</c>: a JavaScript exception is handed to the module (<c>__wbindgen_exn_store</c>) instead of thrown.</param>
/// <param name="SnippetFunction">For an unknown import that calls a function of the package's own JavaScript: the function (BG0037).</param>
/// <param name="SnippetModule">That function's snippet module.</param>
internal sealed record GlueImport(string Name, string Operation, bool CatchesErrors = false, string? SnippetFunction = null, string? SnippetModule = null);

/// <summary>A function a package's snippet file (its own JavaScript under <c>snippets/</c>) defines: its name and parameter names.</summary>
internal sealed record GlueSnippetFunction(string Name, EquatableArray<string> Parameters);

/// <summary>Everything the generator reads from one glue file.</summary>
internal sealed record GlueModel(
    string FileName,
    EquatableArray<GlueExport> Exports,
    EquatableArray<GlueImport> Imports,
    string? Malloc,
    string? Free,
    string? StackPointer,
    int HeapSize,
    string? ExternrefTable,
    string? Start,
    string? Problem = null,
    EquatableArray<GlueClass> Classes = default,
    string? ExceptionStore = null,
    EquatableArray<GlueStringEnum> StringEnums = default,
    EquatableArray<GlueSnippetFunction> SnippetFunctions = default) : AbiInput(FileName);
