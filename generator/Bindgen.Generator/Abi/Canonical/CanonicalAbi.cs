using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Canonical;

/// <summary>
/// The canonical ABI's lowering of a function type (CanonicalABI.md, flatten_functype): parameters flattened,
/// spilled to one pointer to a tuple in memory beyond <see cref="MaxFlatParams"/>; results flattened, returned as a
/// pointer to memory beyond <see cref="MaxFlatResults"/>.
/// </summary>
internal static class CanonicalAbi
{
    public const int MaxFlatParams = 16;
    public const int MaxFlatResults = 1;

    /// <summary>The flat parameters before spilling.</summary>
    public static List<WasmType> FlatParameters(IEnumerable<WitType> parameters) => parameters.SelectMany(CanonicalLayout.Flatten).ToList();

    public static bool ParametersSpill(IEnumerable<WitType> parameters) => FlatParameters(parameters).Count > MaxFlatParams;

    public static bool ResultSpills(WitType? result) => result is not null && CanonicalLayout.Flatten(result).Count > MaxFlatResults;

    /// <summary>Lowers an exported function: the core signature the module must have.</summary>
    public static LoweredSignature Lower(IReadOnlyList<WitType> parameters, WitType? result)
    {
        List<WasmType> flatParams = FlatParameters(parameters);
        if (flatParams.Count > MaxFlatParams)
        {
            flatParams = new List<WasmType> { WasmType.I32 };
        }

        List<WasmType> flatResults = result is null ? new List<WasmType>() : CanonicalLayout.Flatten(result);
        if (flatResults.Count > MaxFlatResults)
        {
            flatResults = new List<WasmType> { WasmType.I32 };
        }

        return new LoweredSignature(flatParams.ToEquatableArray(), flatResults.ToEquatableArray(), ReturnArea: false);
    }

    /// <summary>
    /// Lowers an imported function, as the guest calls it: flat parameters (one pointer beyond 16), and a result
    /// of more than one flat value written by the host through a pointer the guest passes as the last parameter.
    /// </summary>
    public static LoweredSignature LowerImport(IReadOnlyList<WitType> parameters, WitType? result)
    {
        List<WasmType> flatParams = FlatParameters(parameters);
        if (flatParams.Count > MaxFlatParams)
        {
            flatParams = new List<WasmType> { WasmType.I32 };
        }

        List<WasmType> flatResults = result is null ? new List<WasmType>() : CanonicalLayout.Flatten(result);
        if (flatResults.Count > MaxFlatResults)
        {
            flatParams.Add(WasmType.I32);
            flatResults = new List<WasmType>();
        }

        return new LoweredSignature(flatParams.ToEquatableArray(), flatResults.ToEquatableArray(), ReturnArea: result is not null && flatResults.Count == 0);
    }

    /// <summary>The record of a spilled parameter list: a tuple of the parameters.</summary>
    public static WitType ParameterTuple(IEnumerable<WitType> parameters) =>
        new(WitKind.Tuple, "(params)", parameters.ToEquatableArray(), EquatableArray<WitMember>.Empty);
}
