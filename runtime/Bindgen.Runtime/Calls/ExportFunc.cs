using System;
using System.Runtime.CompilerServices;
using Wasmtime;
using static Bindgen.DirectExportCalls;

namespace Bindgen.Internals;

// What a generated method of a C-convention binding calls when its export takes and returns numbers only and the
// call allocates nothing: the whole call (gate, native call, failure conversion, leaving the gate) in one method the
// JIT inlines into the generated one, with no try region on the direct path (docs/benchmarks.md, "The call path").
// Sealed classes, not delegates: the call is not virtual. With the direct path off (BINDGEN_DIRECT_PATHS=off, or a
// Wasmtime whose layouts are not proven), the same methods call Wasmtime's typed delegate inside the try regions the
// generated method had.

/// <summary>A generated method's call of an export with no parameters and a result, numbers only (see <see cref="ExportFunc{T1, T2, TResult}"/>).</summary>
/// <typeparam name="TResult">The result's type: int, long, float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class ExportFunc<TResult>
    where TResult : struct
{
    private readonly DirectExportCalls.Site _site;
    private readonly StoreGate _gate;
    private readonly Func<TResult> _typed;

    internal ExportFunc(DirectExportCalls.Site site, Func<TResult> typed)
    {
        _site = site;
        _gate = site.Gate;
        _typed = typed;
    }

    /// <summary>Calls the export, as the generated method it belongs to (thread check, telemetry, failures naming it).</summary>
    /// <returns>The export's result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TResult Invoke()
    {
        DirectExportCalls.Site site = _site;
        StoreCall entered = site.Enter(_gate);
        if (!site.Direct)
        {
            return Typed(entered);
        }

        Unsafe.SkipInit(out RawValues1 values);
        site.Call(entered, &values.V0, 1);
        return DirectExportCalls.Export.Value<TResult>(values.V0);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private TResult Typed(StoreCall entered) => _site.CallTyped(entered, _typed, static typed => typed());
}

/// <summary>A generated method's call of an export with one parameter and a result, numbers only (see <see cref="ExportFunc{T1, T2, TResult}"/>).</summary>
/// <typeparam name="T1">A parameter's type: int, long, float or double.</typeparam>
/// <typeparam name="TResult">The result's type: int, long, float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class ExportFunc<T1, TResult>
    where TResult : struct
{
    private readonly DirectExportCalls.Site _site;
    private readonly StoreGate _gate;
    private readonly Func<T1, TResult> _typed;

    internal ExportFunc(DirectExportCalls.Site site, Func<T1, TResult> typed)
    {
        _site = site;
        _gate = site.Gate;
        _typed = typed;
    }

    /// <summary>Calls the export, as the generated method it belongs to (thread check, telemetry, failures naming it).</summary>
    /// <param name="a1">Argument 1.</param>
    /// <returns>The export's result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TResult Invoke(T1 a1)
    {
        DirectExportCalls.Site site = _site;
        StoreCall entered = site.Enter(_gate);
        if (!site.Direct)
        {
            return Typed(entered, a1);
        }

        Unsafe.SkipInit(out RawValues1 values);
        values.V0 = DirectExportCalls.Export.Raw(a1);
        site.Call(entered, &values.V0, 1);
        return DirectExportCalls.Export.Value<TResult>(values.V0);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private TResult Typed(StoreCall entered, T1 a1) => _site.CallTyped(entered, (_typed, a1), static s => s.Item1(s.Item2));
}

/// <summary>A generated method's call of an export with 2 parameters and a result, numbers only (see <see cref="ExportFunc{T1, T2, TResult}"/>).</summary>
/// <typeparam name="T1">A parameter's type: int, long, float or double.</typeparam>
/// <typeparam name="T2">A parameter's type: int, long, float or double.</typeparam>
/// <typeparam name="TResult">The result's type: int, long, float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class ExportFunc<T1, T2, TResult>
    where TResult : struct
{
    private readonly DirectExportCalls.Site _site;
    private readonly StoreGate _gate;
    private readonly Func<T1, T2, TResult> _typed;

    internal ExportFunc(DirectExportCalls.Site site, Func<T1, T2, TResult> typed)
    {
        _site = site;
        _gate = site.Gate;
        _typed = typed;
    }

    /// <summary>Calls the export, as the generated method it belongs to (thread check, telemetry, failures naming it).</summary>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <returns>The export's result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TResult Invoke(T1 a1, T2 a2)
    {
        DirectExportCalls.Site site = _site;
        StoreCall entered = site.Enter(_gate);
        if (!site.Direct)
        {
            return Typed(entered, a1, a2);
        }

        Unsafe.SkipInit(out RawValues2 values);
        values.V0 = DirectExportCalls.Export.Raw(a1);
        values.V1 = DirectExportCalls.Export.Raw(a2);
        site.Call(entered, &values.V0, 2);
        return DirectExportCalls.Export.Value<TResult>(values.V0);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private TResult Typed(StoreCall entered, T1 a1, T2 a2) => _site.CallTyped(entered, (_typed, a1, a2), static s => s.Item1(s.Item2, s.Item3));
}

/// <summary>A generated method's call of an export with 3 parameters and a result, numbers only (see <see cref="ExportFunc{T1, T2, TResult}"/>).</summary>
/// <typeparam name="T1">A parameter's type: int, long, float or double.</typeparam>
/// <typeparam name="T2">A parameter's type: int, long, float or double.</typeparam>
/// <typeparam name="T3">A parameter's type: int, long, float or double.</typeparam>
/// <typeparam name="TResult">The result's type: int, long, float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class ExportFunc<T1, T2, T3, TResult>
    where TResult : struct
{
    private readonly DirectExportCalls.Site _site;
    private readonly StoreGate _gate;
    private readonly Func<T1, T2, T3, TResult> _typed;

    internal ExportFunc(DirectExportCalls.Site site, Func<T1, T2, T3, TResult> typed)
    {
        _site = site;
        _gate = site.Gate;
        _typed = typed;
    }

    /// <summary>Calls the export, as the generated method it belongs to (thread check, telemetry, failures naming it).</summary>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <returns>The export's result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TResult Invoke(T1 a1, T2 a2, T3 a3)
    {
        DirectExportCalls.Site site = _site;
        StoreCall entered = site.Enter(_gate);
        if (!site.Direct)
        {
            return Typed(entered, a1, a2, a3);
        }

        Unsafe.SkipInit(out RawValues3 values);
        values.V0 = DirectExportCalls.Export.Raw(a1);
        values.V1 = DirectExportCalls.Export.Raw(a2);
        values.V2 = DirectExportCalls.Export.Raw(a3);
        site.Call(entered, &values.V0, 3);
        return DirectExportCalls.Export.Value<TResult>(values.V0);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private TResult Typed(StoreCall entered, T1 a1, T2 a2, T3 a3) => _site.CallTyped(entered, (_typed, a1, a2, a3), static s => s.Item1(s.Item2, s.Item3, s.Item4));
}

/// <summary>A generated method's call of an export with 4 parameters and a result, numbers only (see <see cref="ExportFunc{T1, T2, TResult}"/>).</summary>
/// <typeparam name="T1">A parameter's type: int, long, float or double.</typeparam>
/// <typeparam name="T2">A parameter's type: int, long, float or double.</typeparam>
/// <typeparam name="T3">A parameter's type: int, long, float or double.</typeparam>
/// <typeparam name="T4">A parameter's type: int, long, float or double.</typeparam>
/// <typeparam name="TResult">The result's type: int, long, float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class ExportFunc<T1, T2, T3, T4, TResult>
    where TResult : struct
{
    private readonly DirectExportCalls.Site _site;
    private readonly StoreGate _gate;
    private readonly Func<T1, T2, T3, T4, TResult> _typed;

    internal ExportFunc(DirectExportCalls.Site site, Func<T1, T2, T3, T4, TResult> typed)
    {
        _site = site;
        _gate = site.Gate;
        _typed = typed;
    }

    /// <summary>Calls the export, as the generated method it belongs to (thread check, telemetry, failures naming it).</summary>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <returns>The export's result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TResult Invoke(T1 a1, T2 a2, T3 a3, T4 a4)
    {
        DirectExportCalls.Site site = _site;
        StoreCall entered = site.Enter(_gate);
        if (!site.Direct)
        {
            return Typed(entered, a1, a2, a3, a4);
        }

        Unsafe.SkipInit(out RawValues4 values);
        values.V0 = DirectExportCalls.Export.Raw(a1);
        values.V1 = DirectExportCalls.Export.Raw(a2);
        values.V2 = DirectExportCalls.Export.Raw(a3);
        values.V3 = DirectExportCalls.Export.Raw(a4);
        site.Call(entered, &values.V0, 4);
        return DirectExportCalls.Export.Value<TResult>(values.V0);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private TResult Typed(StoreCall entered, T1 a1, T2 a2, T3 a3, T4 a4) => _site.CallTyped(entered, (_typed, a1, a2, a3, a4), static s => s.Item1(s.Item2, s.Item3, s.Item4, s.Item5));
}

/// <summary>Room for the raw values of a call: one per parameter, or one for the result.</summary>
internal struct RawValues1
{
    public RawValue V0;
}

/// <summary>Room for the raw values of a call with two parameters.</summary>
internal struct RawValues2
{
    public RawValue V0;
    public RawValue V1;
}

/// <summary>Room for the raw values of a call with three parameters.</summary>
internal struct RawValues3
{
    public RawValue V0;
    public RawValue V1;
    public RawValue V2;
}

/// <summary>Room for the raw values of a call with four parameters.</summary>
internal struct RawValues4
{
    public RawValue V0;
    public RawValue V1;
    public RawValue V2;
    public RawValue V3;
}
