using System.Collections.Generic;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// Whether a module's description (its imports and exports with their types) lets it hand a function it imports
/// to another instance other than by re-exporting it: through a table or a reference-typed global it shares, or as
/// a reference value passed to or returned from a function it shares. Such a module's imports are not bound to
/// its instance (<see cref="InstanceImports"/>): they ask their caller on every call, as on a shared linker.
/// </summary>
/// <remarks>
/// A re-exported import cannot be told from the module's own functions of the same type through Wasmtime's
/// description of the module: <see cref="ImportReexports"/> asks the instance once it exists.
/// </remarks>
internal static class ImportEscape
{
    /// <summary>The route through which the module could hand an import to another instance, or null when it has none.</summary>
    public static string? RouteOf(Module module)
    {
        foreach (Import import in module.Imports)
        {
            string? route = import switch
            {
                MemoryImport => null,
                TableImport => "a table",
                GlobalImport global => IsReference(global.Kind) ? "a reference-typed global" : null,
                FunctionImport function => HasReference(function.Parameters) || HasReference(function.Results) ? "a function with reference-typed values" : null,
                TagImport tag => HasReference(tag.Parameters) ? "a tag with reference-typed values" : null,
                _ => "an import of another kind",
            };
            if (route is not null)
            {
                return $"it imports {route} ({import.ModuleName}.{import.Name})";
            }
        }

        foreach (Export export in module.Exports)
        {
            string? route = export switch
            {
                MemoryExport => null,
                TableExport => "a table",
                GlobalExport global => IsReference(global.Kind) ? "a reference-typed global" : null,
                FunctionExport function => HasReference(function.Parameters) || HasReference(function.Results) ? "a function with reference-typed values" : null,
                TagExport tag => HasReference(tag.Parameters) ? "a tag with reference-typed values" : null,
                _ => "an export of another kind",
            };
            if (route is not null)
            {
                return $"it exports {route} ({export.Name})";
            }
        }

        return null;
    }

    private static bool HasReference(IReadOnlyList<ValueKind> kinds)
    {
        foreach (ValueKind kind in kinds)
        {
            if (IsReference(kind))
            {
                return true;
            }
        }

        return false;
    }

    // Anything that is not a number may carry a function reference (funcref, and any kind a later proposal adds).
    private static bool IsReference(ValueKind kind) =>
        kind is not (ValueKind.Int32 or ValueKind.Int64 or ValueKind.Float32 or ValueKind.Float64 or ValueKind.V128);
}
