using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.C;

/// <summary>
/// A value tuple of scalars as a result: one wasm result per element (multi-value), each converted as
/// <see cref="ScalarInfo"/> says. Wasmtime's typed delegates return them as a value tuple of wasm types.
/// </summary>
internal sealed class TupleMarshaller : Marshaller
{
    private readonly TypeModel _type;
    private readonly ScalarInfo[] _elements;

    public TupleMarshaller(TypeModel type)
    {
        _type = type;
        _elements = type.Elements.Select(e => ScalarInfo.For(e.Element)).ToArray();
    }

    /// <summary>The wasm results, in the tuple's order.</summary>
    public IEnumerable<WasmType> Results => _elements.Select(e => e.Wasm);

    public override IReadOnlyList<WasmType> ParameterTypes => System.Array.Empty<WasmType>();

    public override string Arguments(ParameterModel p) => string.Empty;

    public override void EmitExportResult(IndentedWriter w, MethodModel method, string? target)
    {
        string result = method.Local("result");
        string tuple = "(" + string.Join(", ", _elements.Select((e, i) => e.FromWasmExpression($"{result}.Item{i + 1}", _type.Elements[i]))) + ")";
        w.Line($"{(target is null ? "return" : target + " =")} {tuple};");
    }

    public override IEnumerable<string> ImportParameterNames(ParameterModel p) => System.Array.Empty<string>();

    public override string EmitImportArgument(IndentedWriter w, MethodModel method, ParameterModel p) => string.Empty;

    public override void EmitImportResult(IndentedWriter w, MethodModel method, string result) =>
        w.Line($"    return ({string.Join(", ", _elements.Select((e, i) => e.ToWasmExpression($"{result}.Item{i + 1}")))});");
}
