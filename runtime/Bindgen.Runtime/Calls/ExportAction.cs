using System;
using System.Runtime.CompilerServices;
using Wasmtime;
using static Bindgen.DirectExportCalls;

namespace Bindgen.Internals;

// The exports without a result; see ExportFunc.cs.

/// <summary>A generated method's call of an export with no parameters and no result, numbers only (see <see cref="ExportFunc{T1, T2, TResult}"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class ExportAction
{
    private readonly DirectExportCalls.Site _site;
    private readonly StoreGate _gate;
    private readonly Action _typed;

    internal ExportAction(DirectExportCalls.Site site, Action typed)
    {
        _site = site;
        _gate = site.Gate;
        _typed = typed;
    }

    /// <summary>Calls the export, as the generated method it belongs to (thread check, telemetry, failures naming it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke()
    {
        DirectExportCalls.Site site = _site;
        StoreCall entered = site.Enter(_gate);
        if (!site.Direct)
        {
            Typed(entered);
            return;
        }

        site.Call(entered, null, 0);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Typed(StoreCall entered) => _site.CallTyped(entered, _typed, static typed => typed());
}

/// <summary>A generated method's call of an export with one parameter and no result, numbers only (see <see cref="ExportFunc{T1, T2, TResult}"/>).</summary>
/// <typeparam name="T1">A parameter's type: int, long, float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class ExportAction<T1>
{
    private readonly DirectExportCalls.Site _site;
    private readonly StoreGate _gate;
    private readonly Action<T1> _typed;

    internal ExportAction(DirectExportCalls.Site site, Action<T1> typed)
    {
        _site = site;
        _gate = site.Gate;
        _typed = typed;
    }

    /// <summary>Calls the export, as the generated method it belongs to (thread check, telemetry, failures naming it).</summary>
    /// <param name="a1">Argument 1.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(T1 a1)
    {
        DirectExportCalls.Site site = _site;
        StoreCall entered = site.Enter(_gate);
        if (!site.Direct)
        {
            Typed(entered, a1);
            return;
        }

        Unsafe.SkipInit(out RawValues1 values);
        values.V0 = DirectExportCalls.Export.Raw(a1);
        site.Call(entered, &values.V0, 1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Typed(StoreCall entered, T1 a1) => _site.CallTyped(entered, (_typed, a1), static s => s.Item1(s.Item2));
}

/// <summary>A generated method's call of an export with 2 parameters and no result, numbers only (see <see cref="ExportFunc{T1, T2, TResult}"/>).</summary>
/// <typeparam name="T1">A parameter's type: int, long, float or double.</typeparam>
/// <typeparam name="T2">A parameter's type: int, long, float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class ExportAction<T1, T2>
{
    private readonly DirectExportCalls.Site _site;
    private readonly StoreGate _gate;
    private readonly Action<T1, T2> _typed;

    internal ExportAction(DirectExportCalls.Site site, Action<T1, T2> typed)
    {
        _site = site;
        _gate = site.Gate;
        _typed = typed;
    }

    /// <summary>Calls the export, as the generated method it belongs to (thread check, telemetry, failures naming it).</summary>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(T1 a1, T2 a2)
    {
        DirectExportCalls.Site site = _site;
        StoreCall entered = site.Enter(_gate);
        if (!site.Direct)
        {
            Typed(entered, a1, a2);
            return;
        }

        Unsafe.SkipInit(out RawValues2 values);
        values.V0 = DirectExportCalls.Export.Raw(a1);
        values.V1 = DirectExportCalls.Export.Raw(a2);
        site.Call(entered, &values.V0, 2);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Typed(StoreCall entered, T1 a1, T2 a2) => _site.CallTyped(entered, (_typed, a1, a2), static s => s.Item1(s.Item2, s.Item3));
}

/// <summary>A generated method's call of an export with 3 parameters and no result, numbers only (see <see cref="ExportFunc{T1, T2, TResult}"/>).</summary>
/// <typeparam name="T1">A parameter's type: int, long, float or double.</typeparam>
/// <typeparam name="T2">A parameter's type: int, long, float or double.</typeparam>
/// <typeparam name="T3">A parameter's type: int, long, float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class ExportAction<T1, T2, T3>
{
    private readonly DirectExportCalls.Site _site;
    private readonly StoreGate _gate;
    private readonly Action<T1, T2, T3> _typed;

    internal ExportAction(DirectExportCalls.Site site, Action<T1, T2, T3> typed)
    {
        _site = site;
        _gate = site.Gate;
        _typed = typed;
    }

    /// <summary>Calls the export, as the generated method it belongs to (thread check, telemetry, failures naming it).</summary>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(T1 a1, T2 a2, T3 a3)
    {
        DirectExportCalls.Site site = _site;
        StoreCall entered = site.Enter(_gate);
        if (!site.Direct)
        {
            Typed(entered, a1, a2, a3);
            return;
        }

        Unsafe.SkipInit(out RawValues3 values);
        values.V0 = DirectExportCalls.Export.Raw(a1);
        values.V1 = DirectExportCalls.Export.Raw(a2);
        values.V2 = DirectExportCalls.Export.Raw(a3);
        site.Call(entered, &values.V0, 3);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Typed(StoreCall entered, T1 a1, T2 a2, T3 a3) => _site.CallTyped(entered, (_typed, a1, a2, a3), static s => s.Item1(s.Item2, s.Item3, s.Item4));
}

/// <summary>A generated method's call of an export with 4 parameters and no result, numbers only (see <see cref="ExportFunc{T1, T2, TResult}"/>).</summary>
/// <typeparam name="T1">A parameter's type: int, long, float or double.</typeparam>
/// <typeparam name="T2">A parameter's type: int, long, float or double.</typeparam>
/// <typeparam name="T3">A parameter's type: int, long, float or double.</typeparam>
/// <typeparam name="T4">A parameter's type: int, long, float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class ExportAction<T1, T2, T3, T4>
{
    private readonly DirectExportCalls.Site _site;
    private readonly StoreGate _gate;
    private readonly Action<T1, T2, T3, T4> _typed;

    internal ExportAction(DirectExportCalls.Site site, Action<T1, T2, T3, T4> typed)
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(T1 a1, T2 a2, T3 a3, T4 a4)
    {
        DirectExportCalls.Site site = _site;
        StoreCall entered = site.Enter(_gate);
        if (!site.Direct)
        {
            Typed(entered, a1, a2, a3, a4);
            return;
        }

        Unsafe.SkipInit(out RawValues4 values);
        values.V0 = DirectExportCalls.Export.Raw(a1);
        values.V1 = DirectExportCalls.Export.Raw(a2);
        values.V2 = DirectExportCalls.Export.Raw(a3);
        values.V3 = DirectExportCalls.Export.Raw(a4);
        site.Call(entered, &values.V0, 4);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Typed(StoreCall entered, T1 a1, T2 a2, T3 a3, T4 a4) => _site.CallTyped(entered, (_typed, a1, a2, a3, a4), static s => s.Item1(s.Item2, s.Item3, s.Item4, s.Item5));
}
