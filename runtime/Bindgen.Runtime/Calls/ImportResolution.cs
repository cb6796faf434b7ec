using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// Instantiates a module whose imports the runtime completes: a memory it imports (created from the import's limits,
/// or the one the linker defines, checked against them) and, for an emscripten module, the emscripten imports the
/// linker does not define (ready-made where the runtime has them, else a function that throws
/// <see cref="UnresolvedImportException"/> when called). Remembers each instance's imported memory for its bindings.
/// </summary>
internal static class ImportResolution
{
    private static readonly ConditionalWeakTable<Instance, Memory> InstanceMemories = new();
    private static readonly ConditionalWeakTable<Store, Memory> StoreMemories = new();

    /// <summary>Whether the module needs this path: it imports a memory, or it is emscripten's.</summary>
    public static bool Applies(Module module, IReadOnlyList<string>? importNames) =>
        (importNames is not null && importNames.Count > 0) || module.Imports.Any(i => i is MemoryImport || IsEmscriptenImport(i, null));

    /// <summary>The memory an instance created here imports, or null.</summary>
    public static Memory? ImportedMemory(Instance instance) => InstanceMemories.TryGetValue(instance, out Memory? memory) ? memory : null;

    /// <summary>The memory the last instance created in <paramref name="store"/> imports, for the imports it calls.</summary>
    public static Memory? ImportedMemory(Store store) => StoreMemories.TryGetValue(store, out Memory? memory) ? memory : null;

    public static Instance Instantiate(Linker? linker, Store store, Module module, string binding, IReadOnlyList<string>? importNames)
    {
        Dictionary<string, string> names = Names(importNames);
        IReadOnlyList<Import> imports = module.Imports;
        bool emscripten = names.Count > 0 || imports.Any(i => IsEmscriptenImport(i, names));
        var host = new EmscriptenHost(EmscriptenImports.For(store));
        var externs = new object[imports.Count];
        var missing = new List<Import>();
        Memory? importedMemory = null;
        for (int i = 0; i < imports.Count; i++)
        {
            Import import = imports[i];
            object? found = linker is null ? null : WasmInstances.Lookup(linker, store, import);
            switch (import)
            {
                case MemoryImport memoryImport:
                    Memory memory = found as Memory ?? new Memory(store, memoryImport.Minimum, memoryImport.Maximum, memoryImport.Is64Bit);
                    if (found is not null)
                    {
                        CheckLimits(binding, memoryImport, memory);
                    }

                    importedMemory = memory;
                    externs[i] = memory;
                    break;
                case FunctionImport function when found is null && emscripten:
                    string name = names.TryGetValue(Key(function), out string? real) ? real : function.Name;
                    string label = $"emscripten import '{function.ModuleName}'.'{function.Name}'" + (name == function.Name ? string.Empty : $" ({name})");
                    externs[i] = host.Create(store, name, label, function.Parameters, function.Results) ?? Unresolved(store, function, label);
                    break;
                default:
                    if (found is null)
                    {
                        missing.Add(import);
                    }
                    else
                    {
                        externs[i] = found;
                    }

                    break;
            }
        }

        if (missing.Count > 0)
        {
            throw WasmInstances.Missing(binding, missing, withLinker: linker is not null, innerException: null);
        }

        host.Memory = importedMemory;
        var instance = new Instance(store, module, externs);
        if (importedMemory is not null)
        {
            InstanceMemories.AddOrUpdate(instance, importedMemory);
            StoreMemories.AddOrUpdate(store, importedMemory);
        }
        else if (module.Exports.OfType<MemoryExport>().FirstOrDefault() is { } exported)
        {
            // An exported memory exists only now; the imports reach it from here on (emscripten calls none before).
            host.Memory = instance.GetMemory(exported.Name);
        }

        return instance;
    }

    private static bool IsEmscriptenImport(Import import, Dictionary<string, string>? names) =>
        import is FunctionImport && EmscriptenCatalog.IsEmscriptenOnly(import.ModuleName, names is not null && names.TryGetValue(Key(import), out string? real) ? real : import.Name);

    private static string Key(Import import) => import.ModuleName + "\t" + import.Name;

    /// <summary>The glue's names: triples of import module, import name and emscripten's name for it.</summary>
    private static Dictionary<string, string> Names(IReadOnlyList<string>? importNames)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (importNames is null)
        {
            return names;
        }

        if (importNames.Count % 3 != 0)
        {
            throw new ArgumentException("Import names come in triples: module, name, emscripten's name.", nameof(importNames));
        }

        for (int i = 0; i < importNames.Count; i += 3)
        {
            names[importNames[i] + "\t" + importNames[i + 1]] = importNames[i + 2];
        }

        return names;
    }

    /// <summary>A memory given for an import must be as large as its minimum and bounded by its maximum (the spec's import matching).</summary>
    private static void CheckLimits(string binding, MemoryImport import, Memory memory)
    {
        string name = $"'{import.ModuleName}'.'{import.Name}'";
        string wanted = $"the module needs at least {import.Minimum} pages" + (import.Maximum is long max ? $" and a maximum of at most {max}" : string.Empty);
        long size = memory.GetSize();
        string given = $"the memory has {size} pages" + (memory.Maximum is long ceiling ? $" and a maximum of {ceiling}" : " and no maximum");
        if (memory.Is64Bit != import.Is64Bit)
        {
            throw new ImportedMemoryException(binding, name, $"the module imports a {(import.Is64Bit ? "64" : "32")}-bit memory; the one given is {(memory.Is64Bit ? "64" : "32")}-bit");
        }

        if (size < import.Minimum || (import.Maximum is long maximum && (memory.Maximum is not long limit || limit > maximum)))
        {
            throw new ImportedMemoryException(binding, name, $"{wanted}; {given}");
        }
    }

    private static Function Unresolved(Store store, FunctionImport function, string label)
    {
        string signature = WasmExports.FormatSignature(function.Parameters, function.Results);
        return Function.FromCallback(
            store,
            (Caller caller, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results) => throw new UnresolvedImportException(label, signature),
            function.Parameters,
            function.Results);
    }
}
