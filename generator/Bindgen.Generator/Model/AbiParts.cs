namespace Bindgen.Generator.Model;

/// <summary>
/// The part of a binding's model that only its ABI reads (each ABI derives its own record in <c>Abi/*/</c>), so the
/// core model carries no field that is meaningful under one ABI only. Records: equal by value, for incrementality.
/// </summary>
/// <param name="Kind">The ABI, as <c>Bindgen.WasmAbi</c> numbers it.</param>
internal abstract record ModuleAbi(AbiKind Kind);

/// <summary>
/// An ABI value the generator does not implement, or a binding whose parse failed before its ABI part was read: the
/// binding carries a BG error and is not emitted, checked or bound.
/// </summary>
/// <param name="Kind">The value the attribute gave.</param>
internal sealed record UnsupportedModuleAbi(AbiKind Kind) : ModuleAbi(Kind);

/// <summary>The part of a method's model that only its ABI reads (each ABI derives its own record in <c>Abi/*/</c>).</summary>
internal abstract record MethodAbi;
