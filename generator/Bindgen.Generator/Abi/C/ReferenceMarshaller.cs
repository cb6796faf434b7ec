using System.Collections.Generic;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.C;

/// <summary>
/// One value in guest memory, passed as a pointer, as C passes it: a <c>ref</c>/<c>out</c>/<c>in</c> parameter
/// (<c>int* out</c>), a struct by value (clang passes a pointer to a copy), and a struct result (clang's <c>sret</c>:
/// room the caller reserves, passed as the first parameter). For exports the slot lives in the call's one block,
/// allocated before the first view; for imports the guest owns it and the host checks it before the implementation runs.
/// </summary>
internal sealed class ReferenceMarshaller : Marshaller
{
    private static readonly WasmType[] Pointer = { WasmType.I32 };
    private readonly MemoryLayout _layout;
    private readonly Passing _passing;

    public ReferenceMarshaller(MemoryLayout layout, Passing passing)
    {
        _layout = layout;
        _passing = passing;
    }

    public override IReadOnlyList<WasmType> ParameterTypes => Pointer;

    public override bool ResultPointer => true;

    public override bool NeedsMemory => true;

    public override int BlockAlignment => _layout.Alignment;

    private string T => _layout.TypeName;

    public override string? BlockLength(ParameterModel p) => _layout.Size.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override void EmitPlace(IndentedWriter w, ParameterModel p, string offset) =>
        w.Line($"int {Local(p, "address")} = {BlockAddress(p, offset)};");

    public override void EmitWrite(IndentedWriter w, ParameterModel p)
    {
        // An out slot is not written in, as in C: the guest writes it, and the host reads it back. (Zeroing it first
        // cost a fresh view per call, about a sixth of a small call, for nothing a C function may rely on.)
        if (_passing != Passing.Out)
        {
            w.Line($"this._memory.WriteValue<{T}>({Local(p, "address")}, {p.Name}, {p.LocalPrefix}operation);");
        }
    }

    public override string Arguments(ParameterModel p) => Local(p, "address");

    public override void EmitCopyBack(IndentedWriter w, ParameterModel p)
    {
        if (_passing is Passing.Ref or Passing.Out)
        {
            w.Line($"{p.Name} = this._memory.ReadValue<{T}>({Local(p, "address")}, {p.LocalPrefix}operation);");
        }
    }

    public override void EmitExportResult(IndentedWriter w, MethodModel method, string? target) =>
        // The struct's room is the first bytes of the call's block (clang's sret pointer).
        w.Line($"{target} = this._memory.ReadValue<{T}>({method.Local("block")}.Address, {method.Local("operation")});");

    public override IEnumerable<string> ImportParameterNames(ParameterModel p) => new[] { Local(p, "address") };

    public override void EmitImportCheck(IndentedWriter w, MethodModel method, ParameterModel? p) =>
        w.Line($"    {method.Local("memory")}.CheckValue<{T}>({(p is null ? method.Local("result_pointer") : Local(p, "address"))}, {method.Local("operation")});");

    public override string EmitImportArgument(IndentedWriter w, MethodModel method, ParameterModel p)
    {
        string value = Local(p, "value");
        w.Line(_passing == Passing.Out
            ? $"    {T} {value} = default;"
            : $"    {T} {value} = {method.Local("memory")}.ReadValue<{T}>({Local(p, "address")}, {method.Local("operation")});");
        return _passing switch
        {
            Passing.Ref => "ref " + value,
            Passing.Out => "out " + value,
            Passing.In or Passing.RefReadonly => "in " + value,
            _ => value,
        };
    }

    public override void EmitImportCopyBack(IndentedWriter w, MethodModel method, ParameterModel p)
    {
        if (_passing is Passing.Ref or Passing.Out)
        {
            w.Line($"    {method.Local("memory")}.WriteValue<{T}>({Local(p, "address")}, {Local(p, "value")}, {method.Local("operation")});");
        }
    }

    public override void EmitImportResult(IndentedWriter w, MethodModel method, string result) =>
        w.Line($"    {method.Local("memory")}.WriteValue<{T}>({method.Local("result_pointer")}, {result}, {method.Local("operation")});");
}

/// <summary>
/// A struct of one scalar field (recursively), which C passes and returns as that scalar: reinterpreted in place
/// (<c>Unsafe.As</c>; the layouts are identical), then converted as the scalar is.
/// </summary>
internal sealed class SingletonStructMarshaller : Marshaller
{
    private const string As = "global::System.Runtime.CompilerServices.Unsafe.As";
    private readonly MemoryLayout _layout;
    private readonly ScalarInfo _scalar;

    public SingletonStructMarshaller(MemoryLayout layout)
    {
        _layout = layout;
        _scalar = ScalarInfo.For(layout.Singleton);
        ParameterTypes = new[] { _scalar.Wasm };
    }

    public override IReadOnlyList<WasmType> ParameterTypes { get; }

    public override WasmType? DirectResult => _scalar.Wasm;

    private string Field => _layout.SingletonType!;

    public override string Arguments(ParameterModel p) => _scalar.ToWasmExpression($"{As}<{_layout.TypeName}, {Field}>(ref {p.Name})");

    public override void EmitExportResult(IndentedWriter w, MethodModel method, string? target)
    {
        string field = method.Local("result_field");
        w.Line($"{Field} {field} = {string.Format(_scalar.FromWasm, method.Local("result"), Field)};");
        w.Line($"{(target is null ? "return" : target + " =")} {As}<{Field}, {_layout.TypeName}>(ref {field});");
    }

    public override IEnumerable<string> ImportParameterNames(ParameterModel p) => new[] { Local(p, "wasm") };

    public override string EmitImportArgument(IndentedWriter w, MethodModel method, ParameterModel p)
    {
        w.Line($"    {Field} {Local(p, "field")} = {string.Format(_scalar.FromWasm, Local(p, "wasm"), Field)};");
        return $"{As}<{Field}, {_layout.TypeName}>(ref {Local(p, "field")})";
    }

    public override void EmitImportResult(IndentedWriter w, MethodModel method, string result) =>
        w.Line($"    return {_scalar.ToWasmExpression($"{As}<{_layout.TypeName}, {Field}>(ref {result})")};");
}
