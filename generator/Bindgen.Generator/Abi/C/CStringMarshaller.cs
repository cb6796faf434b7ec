using System.Collections.Generic;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.C;

/// <summary>
/// <c>[CString]</c> strings: NUL-terminated UTF-8 as one pointer (<c>const char*</c>). A parameter is written, its NUL
/// included, into the call's block; a result is read up to its NUL (which must come before memory ends) and freed
/// only when declared owned. The null pointer is null for <c>string?</c> and a protocol error otherwise.
/// </summary>
internal sealed class CStringMarshaller : Marshaller
{
    private static readonly WasmType[] Pointer = { WasmType.I32 };
    private readonly TypeModel _type;

    public CStringMarshaller(TypeModel type) => _type = type;

    public override IReadOnlyList<WasmType> ParameterTypes => Pointer;

    public override WasmType? DirectResult => WasmType.I32;

    public override bool NeedsMemory => true;

    public override bool ImportResultAllocates => true;

    public override bool HoldsOwnedResult => _type.Owned;

    private string Read => _type.IsNullable ? "ReadCString" : "ReadRequiredCString";

    public override void EmitSetup(IndentedWriter w, ParameterModel p)
    {
        if (!_type.IsNullable)
        {
            w.Line($"if ({p.Name} is null) throw new global::System.ArgumentNullException({CSharpText.Literal(p.PlainName)});");
        }

        w.Line($"int {Local(p, "length")} = global::Bindgen.GuestMemory.CStringByteCount({p.Name}, {p.LocalPrefix}operation);");
    }

    public override string? BlockLength(ParameterModel p) => Local(p, "length");

    public override void EmitPlace(IndentedWriter w, ParameterModel p, string offset) =>
        // Only null has length 0: every C string, even "", takes its NUL.
        w.Line($"int {Local(p, "address")} = {Local(p, "length")} == 0 ? 0 : {BlockAddress(p, offset)};");

    public override void EmitWrite(IndentedWriter w, ParameterModel p) =>
        w.Line($"this._memory.WriteCString({Local(p, "address")}, {Local(p, "length")}, {p.Name}, {p.LocalPrefix}operation);");

    public override string Arguments(ParameterModel p) => Local(p, "address");

    public override void EmitExportResult(IndentedWriter w, MethodModel method, string? target)
    {
        string pointer = method.Local("result");
        string operation = method.Local("operation");
        string read = $"this._memory.{Read}({pointer}, {operation})";
        if (!_type.Owned)
        {
            w.Line($"{(target is null ? "return" : target + " =")} {read};");
            return;
        }

        // Owned: the range is found (and checked) first, so the string is freed on every path once read.
        string owned = method.Local("owned");
        if (target is null)
        {
            w.Line($"global::Bindgen.GuestRange {owned} = this._memory.CStringRange({pointer}, {operation});");
            w.Line($"return this._memory.Release({read}, {owned}, default, {operation});");
            return;
        }

        w.Line($"{owned} = this._memory.CStringRange({pointer}, {operation});");
        w.Line($"{target} = {read};");
    }

    public override IEnumerable<string> ImportParameterNames(ParameterModel p) => new[] { Local(p, "address") };

    public override string EmitImportArgument(IndentedWriter w, MethodModel method, ParameterModel p)
    {
        w.Line($"    string{(_type.IsNullable ? "?" : string.Empty)} {Local(p, "value")} = {method.Local("memory")}.{Read}({Local(p, "address")}, {method.Local("operation")});");
        return Local(p, "value");
    }

    public override void EmitImportResult(IndentedWriter w, MethodModel method, string result)
    {
        w.Line("    // Allocate in the guest first (it may grow memory), then write through a fresh view; the guest owns it.");
        w.Line($"    return {method.Local("memory")}.ReturnCString({result}, {method.Local("operation")});");
    }
}
