using System;
using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Abi.C;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Check;

/// <summary>
/// Which of a module's imports the runtime completes when it instantiates it: a memory import always (created from its
/// limits), and for an emscripten module the emscripten imports it implements (<see cref="EmscriptenCatalog"/>), by
/// their real names when the glue minified them.
/// </summary>
internal sealed class EmscriptenImports
{
    private readonly Dictionary<string, string> _names;

    private EmscriptenImports(Dictionary<string, string> names, bool isEmscripten)
    {
        _names = names;
        IsEmscripten = isEmscripten;
    }

    /// <summary>Whether the runtime treats the module as emscripten's (then it leaves unknown imports unresolved).</summary>
    public bool IsEmscripten { get; }

    public static EmscriptenImports Of(ModuleModel module, ModuleDescription description)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        EquatableArray<string> importNames = module.ImportNames();
        for (int i = 0; i + 2 < importNames.Count; i += 3)
        {
            names[ModuleChecker.ImportKey(importNames[i], importNames[i + 1])] = importNames[i + 2];
        }

        var imports = new EmscriptenImports(names, false);
        // Only the C convention instantiates emscripten modules; every binding gets its imported memory.
        bool isEmscripten = module.Abi is CModule && (names.Count > 0 || description.Imports.Any(i => i.Kind == "function" && EmscriptenCatalog.IsEmscriptenOnly(i.Module ?? string.Empty, imports.RealName(i))));
        return new EmscriptenImports(names, isEmscripten);
    }

    public bool Provides(DescribedItem import) =>
        import.Kind == "memory" || (IsEmscripten && import.Kind == "function" && EmscriptenCatalog.Provides(RealName(import), import.Detail));

    public string Describe(DescribedItem import)
    {
        string name = RealName(import);
        return $"{import.Module}.{import.Name}" + (name == import.Name ? string.Empty : $" ({name})") + $" ({import.Kind})";
    }

    private string RealName(DescribedItem import) =>
        _names.TryGetValue(ModuleChecker.ImportKey(import.Module ?? string.Empty, import.Name), out string? name) ? name : import.Name;
}
