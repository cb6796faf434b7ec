using System;
using System.Collections.Generic;
using System.Linq;

namespace Bindgen;

/// <summary>Base type of every exception Bindgen's runtime and generated glue throw.</summary>
public abstract class BindgenException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected BindgenException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Failures of the cleanup that ran after this exception was raised (a guest <c>free</c> that trapped while the
    /// glue released the call's guest memory). They never replace this exception; they are recorded here as context.
    /// Empty when the cleanup succeeded. See <see cref="GuestFailures.CleanupFailuresOf"/> for any exception.
    /// </summary>
    public IReadOnlyList<Exception> CleanupFailures => GuestFailures.CleanupFailuresOf(this);
}

/// <summary>
/// A module does not match a binding. Thrown when a binding is created, with every problem found: the
/// binding checks all its exports before it reports. When there is exactly one problem, that problem's own
/// exception (<see cref="MissingExportException"/> or <see cref="ExportSignatureException"/>) is thrown, and its
/// <see cref="Problems"/> holds only itself; catch <see cref="BindingException"/> to handle both cases alike.
/// </summary>
public class BindingException : BindgenException
{
    /// <summary>Creates the exception for several problems.</summary>
    /// <param name="binding">The binding (interface) being created.</param>
    /// <param name="problems">Every problem found, in the order the binding checked its exports.</param>
    public BindingException(string binding, IReadOnlyList<BindingException> problems)
        : base(FormatProblems(binding, problems))
    {
        Binding = binding;
        Problems = problems;
    }

    /// <summary>Creates the exception for one problem; <see cref="Problems"/> is this exception alone.</summary>
    /// <param name="binding">The binding that found the problem.</param>
    /// <param name="message">The problem.</param>
    protected BindingException(string binding, string message)
        : base(message)
    {
        Binding = binding;
        Problems = new[] { this };
    }

    /// <summary>The binding (interface or convention) being created.</summary>
    public string Binding { get; }

    /// <summary>Every problem found, each a <see cref="MissingExportException"/> or <see cref="ExportSignatureException"/>.</summary>
    public IReadOnlyList<BindingException> Problems { get; }

    private static string WithoutPrefix(string message, string prefix) =>
        message.StartsWith(prefix, StringComparison.Ordinal) ? message.Substring(prefix.Length) : message;

    private static string FormatProblems(string binding, IReadOnlyList<BindingException> problems)
    {
        if (problems is null || problems.Count == 0)
        {
            throw new ArgumentException("A binding exception needs at least one problem.", nameof(problems));
        }

        return $"{binding}: the module does not match the binding ({problems.Count} problems):"
            + string.Concat(problems.Select(p => Environment.NewLine + "  - " + WithoutPrefix(p.Message, binding + ": ")));
    }
}

/// <summary>A module does not export a function, memory or allocator that a binding needs.</summary>
public sealed class MissingExportException : BindingException
{
    /// <summary>Creates the exception for the named export.</summary>
    /// <param name="binding">The binding (interface or convention) that needs the export.</param>
    /// <param name="exportName">The export the module lacks.</param>
    /// <param name="kind">What the export should be: "function" or "memory".</param>
    public MissingExportException(string binding, string exportName, string kind)
        : this(binding, exportName, kind, Array.Empty<string>())
    {
    }

    /// <summary>Creates the exception for the named export, with the module's closest export names.</summary>
    /// <param name="binding">The binding (interface or convention) that needs the export.</param>
    /// <param name="exportName">The export the module lacks.</param>
    /// <param name="kind">What the export should be: "function" or "memory".</param>
    /// <param name="suggestions">Exports of that kind whose names are close to <paramref name="exportName"/>, closest first.</param>
    public MissingExportException(string binding, string exportName, string kind, IReadOnlyList<string> suggestions)
        : base(binding, $"{binding}: the module has no {kind} export named '{exportName}'"
                        + (suggestions is { Count: > 0 } ? "; did you mean " + string.Join(" or ", suggestions.Select(s => "'" + s + "'")) + "?" : "."))
    {
        ExportName = exportName;
        Suggestions = suggestions ?? Array.Empty<string>();
    }

    /// <summary>The export the module lacks.</summary>
    public string ExportName { get; }

    /// <summary>The module's exports of the same kind with the closest names (edit distance), closest first; may be empty.</summary>
    public IReadOnlyList<string> Suggestions { get; }
}

/// <summary>A module exports a function under the expected name but with another wasm signature.</summary>
public sealed class ExportSignatureException : BindingException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="binding">The binding that needs the export.</param>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expected">The expected wasm signature, for example <c>(i32, i32) -&gt; i32</c>.</param>
    /// <param name="actual">The signature the module declares.</param>
    public ExportSignatureException(string binding, string exportName, string expected, string actual)
        : this(binding, exportName, expected, actual, null)
    {
    }

    /// <summary>Creates the exception with an explanation of the difference.</summary>
    /// <param name="binding">The binding that needs the export.</param>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expected">The expected wasm signature, for example <c>(i32, i32) -&gt; i32</c>.</param>
    /// <param name="actual">The signature the module declares.</param>
    /// <param name="reason">Why the signatures differ, in terms of the ABI, or null.</param>
    public ExportSignatureException(string binding, string exportName, string expected, string actual, string? reason)
        : base(binding, $"{binding}: export '{exportName}' has signature {actual}, but the binding expects {expected}."
                        + (reason is null ? string.Empty : " " + reason))
    {
        ExportName = exportName;
        Expected = expected;
        Actual = actual;
        Reason = reason;
    }

    /// <summary>The export's name.</summary>
    public string ExportName { get; }

    /// <summary>The expected wasm signature.</summary>
    public string Expected { get; }

    /// <summary>The signature the module declares.</summary>
    public string Actual { get; }

    /// <summary>Why the signatures differ, in terms of the ABI (with the section of docs/abi.md), or null.</summary>
    public string? Reason { get; }
}

/// <summary>
/// A module cannot be instantiated because some of its imports are not provided. Lists every missing import;
/// when some are WASI functions, says how to provide them.
/// </summary>
public sealed class MissingImportsException : BindgenException
{
    /// <summary>The import module names of WASI preview 1.</summary>
    private static readonly string[] WasiModules = { "wasi_snapshot_preview1", "wasi_unstable" };

    /// <summary>Creates the exception.</summary>
    /// <param name="binding">The binding being instantiated.</param>
    /// <param name="missing">Each missing import as <c>module.name (kind)</c>.</param>
    /// <param name="needsWasi">Whether some missing import is a WASI function.</param>
    /// <param name="withLinker">Whether the module was instantiated through a linker.</param>
    /// <param name="innerException">Wasmtime's error, when there was one.</param>
    public MissingImportsException(string binding, IReadOnlyList<string> missing, bool needsWasi, bool withLinker, Exception? innerException = null)
        : base(Format(binding, missing, needsWasi, withLinker), innerException)
    {
        Binding = binding;
        Missing = missing;
        NeedsWasi = needsWasi;
    }

    /// <summary>The binding being instantiated.</summary>
    public string Binding { get; }

    /// <summary>Each missing import, as <c>module.name (kind)</c>.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Whether some missing import is a WASI function (module <c>wasi_snapshot_preview1</c> or <c>wasi_unstable</c>).</summary>
    public bool NeedsWasi { get; }

    /// <summary>Whether <paramref name="module"/> is a WASI preview 1 import module name.</summary>
    public static bool IsWasiModule(string module) => Array.IndexOf(WasiModules, module) >= 0;

    private static string Format(string binding, IReadOnlyList<string> missing, bool needsWasi, bool withLinker)
    {
        string list = string.Join(", ", missing);
        string advice = needsWasi
            ? withLinker
                ? " The module uses WASI: call linker.DefineWasi() and store.SetWasiConfiguration(new WasiConfiguration()) before instantiating (docs/abi.md, WASI modules)."
                : " The module uses WASI: create a Linker, call linker.DefineWasi() and store.SetWasiConfiguration(new WasiConfiguration()), and use Instantiate(linker, store, module) (docs/abi.md, WASI modules)."
            : withLinker
                ? " Define them on the linker (for [WasmImports] interfaces, with the generated Define method) before instantiating."
                : " Define them on a Linker (for [WasmImports] interfaces, with the generated Define method) and use Instantiate(linker, store, module).";
        return $"{binding}: the module imports {missing.Count} item(s) that {(withLinker ? "the linker does not define" : "were not provided")}: {list}.{advice}";
    }
}
