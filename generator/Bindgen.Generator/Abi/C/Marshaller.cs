using System.Collections.Generic;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.C;

/// <summary>
/// Emits the code for one value of one type shape, stage by stage, for both directions: as an export's parameter
/// or result (the host calls the guest) and as an import's parameter or result (the guest calls the host). A
/// marshaller never decides when its stages run: <see cref="StageDriver"/> does, in the fixed order that is the
/// pre-grow guard. Views of guest memory are only taken inside the runtime's <c>GuestMemory</c> calls emitted here.
/// </summary>
internal abstract class Marshaller
{
    /// <summary>The wasm values this type takes as a parameter.</summary>
    public abstract IReadOnlyList<WasmType> ParameterTypes { get; }

    /// <summary>The wasm result this type is returned as, or null (void, or returned through a return area).</summary>
    public virtual WasmType? DirectResult => null;

    /// <summary>Whether a result of this type comes back through a return area the caller reserves.</summary>
    public virtual bool ResultThroughReturnArea => false;

    /// <summary>Whether a result of this type is written by the callee into room the caller reserves, passed first (clang's <c>sret</c>).</summary>
    public virtual bool ResultPointer => false;

    /// <summary>Whether an import returning this type allocates its result in the guest (and so needs the allocator).</summary>
    public virtual bool ImportResultAllocates => false;

    /// <summary>Whether an export result of this type is guest memory the host owns and frees (an owned C string).</summary>
    public virtual bool HoldsOwnedResult => false;

    /// <summary>Whether this value needs the guest's memory (and so a <c>GuestMemory</c>) in either direction.</summary>
    public virtual bool NeedsMemory => false;

    // ---- Exports: the host calls the guest ----

    /// <summary>Setup: argument checks and size computations; no guest calls, no views.</summary>
    public virtual void EmitSetup(IndentedWriter w, ParameterModel p)
    {
    }

    /// <summary>The bytes this parameter needs in the call's guest block (a local from setup), or null.</summary>
    public virtual string? BlockLength(ParameterModel p) => null;

    /// <summary>The alignment this parameter's place in the block needs (a power of two, at most 8).</summary>
    public virtual int BlockAlignment => 1;

    /// <summary>Allocate: declares this parameter's guest address, its place at <paramref name="offset"/> (empty for 0) in the block.</summary>
    public virtual void EmitPlace(IndentedWriter w, ParameterModel p, string offset)
    {
    }

    /// <summary>Write: copies the argument into guest memory through a fresh view.</summary>
    public virtual void EmitWrite(IndentedWriter w, ParameterModel p)
    {
    }

    /// <summary>Invoke: the wasm arguments, comma-separated.</summary>
    public abstract string Arguments(ParameterModel p);

    /// <summary>Read: copies data back into the argument after the call, through a fresh view.</summary>
    public virtual void EmitCopyBack(IndentedWriter w, ParameterModel p)
    {
    }

    /// <summary>
    /// Read: turns the call's wasm result (or return area) into the method's result: a return statement when
    /// <paramref name="target"/> is null (a call that holds no guest memory), else an assignment to it, returned
    /// once the call's memory is released. A result the guest hands over is recorded in the <c>owned</c> local.
    /// </summary>
    public virtual void EmitExportResult(IndentedWriter w, MethodModel method, string? target)
    {
    }

    /// <summary>
    /// The method's result computed straight from the call expression <paramref name="call"/> (its wasm result), when
    /// that needs no statement of its own; null when <see cref="EmitExportResult"/> must read a local.
    /// </summary>
    public virtual string? InlineExportResult(MethodModel method, string call) => null;

    // ---- Imports: the guest calls the host ----

    /// <summary>The names of the callback's wasm parameters for this value.</summary>
    public abstract IEnumerable<string> ImportParameterNames(ParameterModel p);

    /// <summary>
    /// Read: lifts the wasm arguments to the implementation's argument, writing any statements it needs, and
    /// returns the argument expression. Borrowed views are expressions, taken as the call's arguments, last.
    /// </summary>
    public abstract string EmitImportArgument(IndentedWriter w, MethodModel method, ParameterModel p);

    /// <summary>Whether the implementation receives a borrowed view of guest memory.</summary>
    public virtual bool Borrows => false;

    /// <summary>After the implementation returns: copies a <c>ref</c> or <c>out</c> argument back into guest memory.</summary>
    public virtual void EmitImportCopyBack(IndentedWriter w, MethodModel method, ParameterModel p)
    {
    }

    /// <summary>Check: validates guest memory this value will be written to, before the implementation runs.</summary>
    public virtual void EmitImportCheck(IndentedWriter w, MethodModel method, ParameterModel? p)
    {
    }

    /// <summary>Allocate and write: hands the implementation's result <paramref name="result"/> back to the guest.</summary>
    public virtual void EmitImportResult(IndentedWriter w, MethodModel method, string result)
    {
    }

    /// <summary>The address of the place at <paramref name="offset"/> (empty for 0) in the call's block (a <c>GuestRange</c>).</summary>
    protected static string BlockAddress(ParameterModel p, string offset) =>
        offset.Length == 0 ? $"{p.LocalPrefix}block.Address" : $"unchecked({p.LocalPrefix}block.Address + {offset})";

    /// <summary>The name of a generated local for a parameter, e.g. <c>__text_length</c>.</summary>
    public static string Local(ParameterModel p, string suffix) => p.LocalPrefix + p.PlainName + "_" + suffix;
}
