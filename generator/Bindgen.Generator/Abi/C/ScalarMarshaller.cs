using System.Collections.Generic;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.C;

/// <summary>Scalars pass by value as one wasm value, converted as <see cref="ScalarInfo"/> says.</summary>
internal sealed class ScalarMarshaller : Marshaller
{
    private readonly ScalarInfo _info;

    public ScalarMarshaller(ScalarInfo info)
    {
        _info = info;
        ParameterTypes = new[] { info.Wasm };
    }

    public override IReadOnlyList<WasmType> ParameterTypes { get; }

    public override WasmType? DirectResult => _info.Wasm;

    public override string Arguments(ParameterModel p) => _info.ToWasmExpression(p.Name);

    public override void EmitExportResult(IndentedWriter w, MethodModel method, string? target) =>
        w.Line($"{(target is null ? "return" : target + " =")} {_info.FromWasmExpression(method.Local("result"), method.ReturnType)};");

    public override string? InlineExportResult(MethodModel method, string call) => _info.FromWasmExpression(call, method.ReturnType);

    public override IEnumerable<string> ImportParameterNames(ParameterModel p) => new[] { Local(p, "wasm") };

    public override string EmitImportArgument(IndentedWriter w, MethodModel method, ParameterModel p) =>
        _info.FromWasmExpression(Local(p, "wasm"), p.Type);

    public override void EmitImportResult(IndentedWriter w, MethodModel method, string result) =>
        w.Line($"    return {_info.ToWasmExpression(result)};");
}

/// <summary>A void result: nothing to pass or return.</summary>
internal sealed class VoidMarshaller : Marshaller
{
    public static readonly VoidMarshaller Instance = new();

    public override IReadOnlyList<WasmType> ParameterTypes => System.Array.Empty<WasmType>();

    public override string Arguments(ParameterModel p) => string.Empty;

    public override IEnumerable<string> ImportParameterNames(ParameterModel p) => System.Array.Empty<string>();

    public override string EmitImportArgument(IndentedWriter w, MethodModel method, ParameterModel p) => string.Empty;
}

/// <summary>An import's <c>ImportContext</c> parameter: no wasm value, the calling instance for the implementation.</summary>
internal sealed class ImportContextMarshaller : Marshaller
{
    public static readonly ImportContextMarshaller Instance = new();

    public override IReadOnlyList<WasmType> ParameterTypes => System.Array.Empty<WasmType>();

    public override bool NeedsMemory => true;

    public override string Arguments(ParameterModel p) => string.Empty;

    public override IEnumerable<string> ImportParameterNames(ParameterModel p) => System.Array.Empty<string>();

    public override string EmitImportArgument(IndentedWriter w, MethodModel method, ParameterModel p) =>
        $"new global::Bindgen.ImportContext({method.Local("caller")}, __memories)";
}
