using System;
using System.Collections.Generic;
using System.Linq;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>
/// Resolves a binding's exports from an instance, recording every problem instead of stopping at the first, so
/// that one exception names everything that does not match. Generated constructors create one, look up each
/// export through it, then call <see cref="Complete"/>, which throws if anything failed and otherwise runs the
/// module's initializer.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class ExportResolver
{
    private readonly Instance _instance;
    private readonly string _binding;
    private readonly Store? _store;
    private readonly List<BindingException> _problems = new();
    private string[]? _functionNames;
    private string[]? _memoryNames;

    /// <summary>The guest memory <see cref="CConventionMemory"/> bound, which gets its scratch block in <see cref="Complete"/>.</summary>
    private GuestMemory? _memory;

    private StoreGate? _gate;

    /// <summary>Creates a resolver for one binding over one instance.</summary>
    /// <param name="instance">The guest instance.</param>
    /// <param name="binding">The binding's name, for error messages.</param>
    public ExportResolver(Instance instance, string binding)
        : this(instance, binding, null)
    {
    }

    /// <summary>Creates a resolver for one binding over one instance of a known store.</summary>
    /// <param name="instance">The guest instance.</param>
    /// <param name="binding">The binding's name, for error messages.</param>
    /// <param name="store">
    /// The instance's store, or null when unknown. With it, the guest memory the resolver creates frees a call's
    /// temporaries even after the call ran out of fuel or hit its epoch deadline (see <see cref="CallBounds"/>).
    /// </param>
    public ExportResolver(Instance instance, string binding, Store? store)
    {
        _instance = instance ?? throw new ArgumentNullException(nameof(instance));
        _binding = binding ?? throw new ArgumentNullException(nameof(binding));
        _store = store;
    }

    /// <summary>
    /// Whether the typed overloads (<see cref="Func{T1, TResult}"/> and the others) make export calls directly through
    /// Wasmtime's native library (where <see cref="WasmtimeCallPath.Direct"/>), rather than through Wasmtime's typed
    /// delegates, which cost more per call. Both give the same results and exceptions.
    /// </summary>
    public static bool CallsExportsDirectly => DirectExportCalls.Available;

    /// <summary>The instance exports are resolved from.</summary>
    public Instance Instance => _instance;

    /// <summary>
    /// The thread check of the binding's store (docs/threading.md): of the store when the resolver was given it, else
    /// of the instance. Every method of the binding enters it.
    /// </summary>
    public StoreGate StoreGate => _gate ??= StoreGate.For(_store, _instance);

    /// <summary>The problems recorded so far.</summary>
    public IReadOnlyList<BindingException> Problems => _problems;

    /// <summary>
    /// Looks up function <paramref name="exportName"/>, checks its signature, and wraps it as a typed delegate.
    /// On a problem, records it and returns null (the constructor then fails in <see cref="Complete"/>).
    /// </summary>
    /// <remarks>
    /// The delegate is returned as <paramref name="wrap"/> made it. The typed overloads (<see cref="Func{T1, TResult}"/>
    /// and the others, up to eight i32, i64, f32 or f64 parameters) return, where <see cref="WasmtimeCallPath.Direct"/>,
    /// a delegate of the same type that makes the same call into Wasmtime's native library without the typed
    /// delegate's layers, with the same exceptions (docs/benchmarks.md, "The call path").
    /// </remarks>
    /// <typeparam name="T">The typed delegate.</typeparam>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature written as <c>(i32, i64) -&gt; f64</c>; no results is <c>()</c>.</param>
    /// <param name="wrap">Wraps the checked function as <typeparamref name="T"/> (for example <c>f =&gt; f.WrapFunc&lt;int, int&gt;()</c>).</param>
    public T Function<T>(string exportName, string expectedSignature, Func<Function, T?> wrap)
        where T : class
    {
        if (wrap is null)
        {
            throw new ArgumentNullException(nameof(wrap));
        }

        Function? function = CheckedFunction(exportName, expectedSignature);
        if (function is null)
        {
            return null!;
        }

        T? typed = wrap(function);
        if (typed is null)
        {
            // The signature matched as text but Wasmtime refused the delegate type.
            _problems.Add(new ExportSignatureException(_binding, exportName, expectedSignature, Signature(function)));
            return null!;
        }

        return typed;
    }

    /// <summary>
    /// Looks up function <paramref name="exportName"/> and checks its signature; records a problem and returns
    /// null when it is missing or differs.
    /// </summary>
    public Function? CheckedFunction(string exportName, string expectedSignature)
    {
        Function? function = _instance.GetFunction(exportName);
        if (function is null)
        {
            _problems.Add(new MissingExportException(_binding, exportName, "function", BindingAdvice.ClosestNames(exportName, FunctionNames())));
            return null;
        }

        string actual = Signature(function);
        if (!string.Equals(actual, expectedSignature, StringComparison.Ordinal))
        {
            _problems.Add(new ExportSignatureException(_binding, exportName, expectedSignature, actual, BindingAdvice.SignatureReason(exportName, function, expectedSignature)));
            return null;
        }

        return function;
    }

    /// <summary>Looks up memory <paramref name="exportName"/>; records a problem and returns null when it is missing.</summary>
    public Memory? Memory(string exportName = "memory")
    {
        // A module that imports its memory exports none: the memory it was instantiated with is the one.
        Memory? memory = _instance.GetMemory(exportName) ?? ImportResolution.ImportedMemory(_instance);
        if (memory is null)
        {
            _problems.Add(new MissingExportException(_binding, exportName, "memory", BindingAdvice.ClosestNames(exportName, MemoryNames())));
        }

        return memory;
    }

    /// <summary>
    /// Guest memory access under the C convention (<c>memory</c>, <c>malloc</c>, <c>free</c> by default), or null with
    /// the problems recorded.
    /// </summary>
    /// <param name="options">Options; <see cref="GuestMemoryOptions.Default"/> when null.</param>
    /// <param name="convention">The guest's export names; <see cref="CConvention.Default"/> when null.</param>
    public GuestMemory CConventionMemory(GuestMemoryOptions? options = null, CConvention? convention = null)
    {
        GuestMemory? memory = (convention ?? CConvention.Default).Bind(this, options);
        if (memory is not null && _store is not null)
        {
            memory.Bounds = CallBounds.For(_store);
        }

        _memory = memory;

        return memory!;
    }

    /// <summary>
    /// Sets the store up for methods that take a <see cref="System.Threading.CancellationToken"/>, or records an
    /// <see cref="EngineConfigurationException"/> (reported by <see cref="Complete"/>) when the engine lacks epoch
    /// interruption or is not the store's engine.
    /// </summary>
    /// <param name="engine">The store's engine, created with <c>Config.WithEpochInterruption(true)</c>.</param>
    /// <returns>The store's bounds; null when a problem was recorded.</returns>
    /// <exception cref="InvalidOperationException">The resolver was created without the store.</exception>
    public CallBounds Cancellation(Engine engine)
    {
        if (_store is null)
        {
            throw new InvalidOperationException("Cancellation needs the instance's store; create the resolver with it.");
        }

        CallBounds bounds = CallBounds.For(_store);
        EngineConfigurationException? problem = bounds.EnableCancellation(engine, _binding);
        if (problem is not null)
        {
            _problems.Add(problem);
            return null!;
        }

        return bounds;
    }

    /// <summary>
    /// Throws when any lookup failed: the problem's own exception when there is one, a <see cref="BindingException"/>
    /// listing all of them when there are several. Then runs the module's initializer, once per instance, and
    /// allocates the scratch block of the memory <see cref="CConventionMemory"/> bound, when its options ask for one
    /// (<see cref="GuestMemoryOptions.ScratchBlock"/>).
    /// </summary>
    /// <param name="initialize">
    /// The initializer export: null for the default (<c>_initialize</c>, called only when exported), a name for an
    /// initializer that must exist, or the empty string for none.
    /// </param>
    /// <exception cref="BindingException">Exports are missing or have other signatures (also a named initializer).</exception>
    /// <exception cref="GuestTrapException">The initializer trapped.</exception>
    [MayGrowMemory]
    public void Complete(string? initialize = null)
    {
        Action? initializer = null;
        string? initializerName = initialize ?? WasmModuleAttribute.DefaultInitialize;
        if (initializerName.Length > 0 && (initialize is not null || _instance.GetFunction(initializerName) is not null))
        {
            initializer = CheckedFunction(initializerName, "() -> ()")?.WrapAction();
        }

        ThrowIfProblems();
        if (initializer is null && _memory is null)
        {
            return;
        }

        // The initializer and the scratch block are calls on the store like the binding's own.
        StoreGate.Holder entered = StoreGate.Enter(_binding);
        try
        {
            if (initializer is not null)
            {
                InstanceInitializer.RunOnce(_instance, initializer, $"{_binding} (initializer export '{initializerName}')");
            }

            // After the initializer: a reactor's allocator may not work before it.
            _memory?.CreateScratchBlock($"{_binding} (scratch block)", _store);
        }
        finally
        {
            entered.Leave();
        }
    }

    /// <summary>Throws the recorded problems, if any; see <see cref="Complete"/>.</summary>
    public void ThrowIfProblems()
    {
        switch (_problems.Count)
        {
            case 0:
                return;
            case 1:
                throw _problems[0];
            default:
                throw new BindingException(_binding, _problems.ToArray());
        }
    }

    private static string Signature(Function function) => WasmExports.FormatSignature(function.Parameters, function.Results);

    private string[] FunctionNames() => _functionNames ??= _instance.GetFunctions().Select(f => f.Name).ToArray();

    private string[] MemoryNames() => _memoryNames ??= _instance.GetMemories().Select(m => m.Name).ToArray();

    /// <summary>
    /// Looks up a function export with more parameters than Wasmtime's typed delegates take, checks its signature,
    /// and wraps it to be called without a per-call array; null with the problem recorded.
    /// </summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The signature the binding expects, as <c>(i32, i64) -> f64</c>.</param>
    public UntypedExport? Untyped(string exportName, string expectedSignature) =>
        CheckedFunction(exportName, expectedSignature) is { } function ? new UntypedExport(function) : null;
}
