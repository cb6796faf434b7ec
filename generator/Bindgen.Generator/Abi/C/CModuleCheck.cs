using System;
using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Check;
using Bindgen.Generator.Diagnostics;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;

namespace Bindgen.Generator.Abi.C;

/// <summary>The C convention's checks against the build's description: its memory and allocator, and signs of another ABI.</summary>
internal static class CModuleCheck
{
    /// <summary>The C convention's exports (docs/abi.md section 1); the runtime uses the same names.</summary>
    private const string MemoryExport = "memory";
    private const string MallocExport = ModuleChecker.MallocExport;
    private const string FreeExport = ModuleChecker.FreeExport;
    private const string MallocSignature = "(i32) -> i32";
    private const string FreeSignature = "(i32) -> ()";

    /// <summary>The C convention copies strings and buffers through the guest's memory and allocator (docs/abi.md section 1).</summary>
    public static void CheckAllocator(ModuleModel module, string file, IReadOnlyDictionary<string, DescribedItem> exports, List<DiagnosticInfo> diagnostics)
    {
        string[] needing = module.Methods.Where(MarshallerResolver.NeedsMemory).Select(m => m.Name).ToArray();
        if (needing.Length == 0)
        {
            return;
        }

        // The module's own names when the interface gives them ([WasmModule(Memory = "c", Malloc = "f", Free = "g")]).
        string memoryExport = module.Convention()?.Memory ?? MemoryExport;
        string mallocExport = module.Convention()?.Malloc ?? MallocExport;
        string freeExport = module.Convention()?.Free ?? FreeExport;
        var problems = new List<string>();
        Require(memoryExport, "memory", null);
        Require(mallocExport, "function", MallocSignature);
        Require(freeExport, "function", FreeSignature);
        if (problems.Count > 0)
        {
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.AllocatorMissing, module.Location, module.InterfaceName,
                ModuleChecker.Quoted(needing), $"its memory '{memoryExport}' and the allocator '{mallocExport}: {MallocSignature}' and '{freeExport}: {FreeSignature}'", file,
                string.Join("; ", problems)));
        }

        void Require(string name, string kind, string? signature)
        {
            if (!exports.TryGetValue(name, out DescribedItem? export))
            {
                problems.Add($"does not export '{name}'");
            }
            else if (export.Kind != kind)
            {
                problems.Add($"exports '{name}' as a {export.Kind}, not a {kind}");
            }
            else if (signature is not null && export.Detail != signature)
            {
                problems.Add($"exports '{name}' as {export.Detail}");
            }
        }
    }

    public static void CheckOtherAbis(ModuleModel module, string file, string[] functionNames, List<DiagnosticInfo> diagnostics)
    {
        string[] canonical = functionNames.Where(n => n == "cabi_realloc" || n.StartsWith("cabi_post_", StringComparison.Ordinal)).ToArray();
        string[] wasmBindgen = functionNames.Where(n => n.StartsWith("__wbindgen_", StringComparison.Ordinal)).ToArray();
        const string Suggestion = "declare that ABI on the interface where Bindgen supports it, or build the guest for the C convention (exports memory, malloc and free; docs/abi.md)";
        if (canonical.Length > 0)
        {
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.OtherAbiDetected, module.Location, file, ModuleChecker.Quoted(canonical),
                "belong to the component model's canonical ABI", module.InterfaceName, "declare [WasmModule(Abi = WasmAbi.Canonical)], or " + Suggestion));
        }

        if (wasmBindgen.Length > 0)
        {
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.OtherAbiDetected, module.Location, file, ModuleChecker.Quoted(wasmBindgen),
                "belong to wasm-bindgen's ABI", module.InterfaceName, Suggestion));
        }
    }
}
