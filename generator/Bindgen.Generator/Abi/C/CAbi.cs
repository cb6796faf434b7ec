using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Abi.C;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.C;

/// <summary>
/// The C convention (docs/abi.md): parameters in order, each as its marshaller lowers it; a string or array result
/// comes back through a return area the host reserves, passed as the last parameter; a struct result that C cannot
/// return as one scalar is written into room the host reserves, passed as the first parameter (clang's sret).
/// </summary>
internal static class CAbi
{
    /// <summary>Lowers a method's parameters and result to its wasm signature.</summary>
    public static LoweredSignature Lower(IEnumerable<ParameterModel> parameters, TypeModel returnType)
    {
        var wasmParameters = parameters.SelectMany(p => MarshallerResolver.For(p).ParameterTypes).ToList();
        Marshaller result = MarshallerResolver.For(returnType);
        if (result.ResultThroughReturnArea)
        {
            wasmParameters.Add(WasmType.I32);
        }

        // clang returns a struct it cannot return as one scalar through room the caller reserves, passed first.
        bool resultPointer = returnType.Shape == TypeShape.Struct && result.ResultPointer;
        if (resultPointer)
        {
            wasmParameters.Insert(0, WasmType.I32);
        }

        WasmType[] results = result.DirectResult is { } direct ? new[] { direct } : System.Array.Empty<WasmType>();
        return new LoweredSignature(wasmParameters.ToEquatableArray(), results.ToEquatableArray(), result.ResultThroughReturnArea, resultPointer);
    }
}
