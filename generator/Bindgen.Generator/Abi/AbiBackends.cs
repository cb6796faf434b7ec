using Bindgen.Generator.Abi.C;
using Bindgen.Generator.Abi.Canonical;
using Bindgen.Generator.Abi.WasmBindgen;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi;

/// <summary>The one registration table of the ABIs: adding an ABI adds its folder and one line here.</summary>
internal static class AbiBackends
{
    /// <summary>Every implemented ABI.</summary>
    public static readonly IAbiBackend[] All =
    {
        CBackend.Instance,
        CanonicalBackend.Instance,
        WasmBindgenBackend.Instance,
    };

    /// <summary>The backend of <paramref name="kind"/>, or null for an ABI value the generator does not implement.</summary>
    public static IAbiBackend? Find(AbiKind kind)
    {
        foreach (IAbiBackend backend in All)
        {
            if (backend.Kind == kind)
            {
                return backend;
            }
        }

        return null;
    }

    /// <summary>The backend of a parsed binding, or null when it has none (<see cref="UnsupportedModuleAbi"/>).</summary>
    public static IAbiBackend? For(ModuleModel module) => module.Abi is UnsupportedModuleAbi ? null : Find(module.Abi.Kind);
}
