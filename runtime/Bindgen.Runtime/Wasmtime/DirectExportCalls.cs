using System;
using System.Diagnostics.CodeAnalysis;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// Export calls with one direct call of <c>wasmtime_func_call_unchecked</c> into the native library Wasmtime itself
/// loaded, instead of through the typed delegate Wasmtime builds (<see cref="Function.WrapFunc{T, TResult}"/>), which
/// adds a closure, argument converters and a result factory behind interfaces around the same call. Errors and traps
/// go through Wasmtime's own conversions, so a trap's code and frames and a host exception's cause come out exactly
/// as they do through the typed delegate, and a disposed store is refused as it is there.
/// </summary>
/// <remarks>
/// One overload per delegate shape (up to eight parameters), each building its delegate with a plain generic call:
/// no reflection, so the same under the JIT, trimmed and NativeAOT. It is used only when <see cref="WasmtimeLayout"/>
/// proved the function handle's place, the raw value layout and the store's handle, and only for the typed delegate
/// Wasmtime made for this very function (so the signature is checked) over i32, i64, f32 and f64; otherwise the
/// typed delegate is returned. The delegate it returns has the typed delegate's type.
/// </remarks>
internal static unsafe partial class DirectExportCalls
{
    /// <summary>Whether export calls can be made directly with this Wasmtime.</summary>
    internal static bool Available => Export.CanCall;

    /// <summary>Whether <paramref name="typed"/> is the delegate Wasmtime made for <paramref name="function"/> and may be replaced.</summary>
    private static bool Replaceable(Function function, object? typed) =>
        Available && typed is not null && ReferenceEquals(WasmtimeLayout.FunctionWrapper(function), typed);

    internal static bool IsNumber<T>() => typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(float) || typeof(T) == typeof(double);

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Action? Faster(Function function, Action? typed) =>
        Replaceable(function, typed) ? new Export(function).Action0 : typed;

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Action<T1>? Faster<T1>(Function function, Action<T1>? typed) =>
        Replaceable(function, typed) && IsNumber<T1>() ? new Export(function).Action1<T1> : typed;

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Action<T1, T2>? Faster<T1, T2>(Function function, Action<T1, T2>? typed) =>
        Replaceable(function, typed) && IsNumber<T1>() && IsNumber<T2>() ? new Export(function).Action2<T1, T2> : typed;

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Action<T1, T2, T3>? Faster<T1, T2, T3>(Function function, Action<T1, T2, T3>? typed) =>
        Replaceable(function, typed) && IsNumber<T1>() && IsNumber<T2>() && IsNumber<T3>() ? new Export(function).Action3<T1, T2, T3> : typed;

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Action<T1, T2, T3, T4>? Faster<T1, T2, T3, T4>(Function function, Action<T1, T2, T3, T4>? typed) =>
        Replaceable(function, typed) && IsNumber<T1>() && IsNumber<T2>() && IsNumber<T3>() && IsNumber<T4>() ? new Export(function).Action4<T1, T2, T3, T4> : typed;

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Action<T1, T2, T3, T4, T5>? Faster<T1, T2, T3, T4, T5>(Function function, Action<T1, T2, T3, T4, T5>? typed) =>
        Replaceable(function, typed) && IsNumber<T1>() && IsNumber<T2>() && IsNumber<T3>() && IsNumber<T4>() && IsNumber<T5>() ? new Export(function).Action5<T1, T2, T3, T4, T5> : typed;

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Action<T1, T2, T3, T4, T5, T6>? Faster<T1, T2, T3, T4, T5, T6>(Function function, Action<T1, T2, T3, T4, T5, T6>? typed) =>
        Replaceable(function, typed) && IsNumber<T1>() && IsNumber<T2>() && IsNumber<T3>() && IsNumber<T4>() && IsNumber<T5>() && IsNumber<T6>() ? new Export(function).Action6<T1, T2, T3, T4, T5, T6> : typed;

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Action<T1, T2, T3, T4, T5, T6, T7>? Faster<T1, T2, T3, T4, T5, T6, T7>(Function function, Action<T1, T2, T3, T4, T5, T6, T7>? typed) =>
        Replaceable(function, typed) && IsNumber<T1>() && IsNumber<T2>() && IsNumber<T3>() && IsNumber<T4>() && IsNumber<T5>() && IsNumber<T6>() && IsNumber<T7>() ? new Export(function).Action7<T1, T2, T3, T4, T5, T6, T7> : typed;

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Action<T1, T2, T3, T4, T5, T6, T7, T8>? Faster<T1, T2, T3, T4, T5, T6, T7, T8>(Function function, Action<T1, T2, T3, T4, T5, T6, T7, T8>? typed) =>
        Replaceable(function, typed) && IsNumber<T1>() && IsNumber<T2>() && IsNumber<T3>() && IsNumber<T4>() && IsNumber<T5>() && IsNumber<T6>() && IsNumber<T7>() && IsNumber<T8>() ? new Export(function).Action8<T1, T2, T3, T4, T5, T6, T7, T8> : typed;

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Func<TR>? Faster<TR>(Function function, Func<TR>? typed) =>
        Replaceable(function, typed) && IsNumber<TR>() ? new Export(function).Func0<TR> : typed;

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Func<T1, TR>? Faster<T1, TR>(Function function, Func<T1, TR>? typed) =>
        Replaceable(function, typed) && IsNumber<T1>() && IsNumber<TR>() ? new Export(function).Func1<T1, TR> : typed;

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Func<T1, T2, TR>? Faster<T1, T2, TR>(Function function, Func<T1, T2, TR>? typed) =>
        Replaceable(function, typed) && IsNumber<T1>() && IsNumber<T2>() && IsNumber<TR>() ? new Export(function).Func2<T1, T2, TR> : typed;

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Func<T1, T2, T3, TR>? Faster<T1, T2, T3, TR>(Function function, Func<T1, T2, T3, TR>? typed) =>
        Replaceable(function, typed) && IsNumber<T1>() && IsNumber<T2>() && IsNumber<T3>() && IsNumber<TR>() ? new Export(function).Func3<T1, T2, T3, TR> : typed;

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Func<T1, T2, T3, T4, TR>? Faster<T1, T2, T3, T4, TR>(Function function, Func<T1, T2, T3, T4, TR>? typed) =>
        Replaceable(function, typed) && IsNumber<T1>() && IsNumber<T2>() && IsNumber<T3>() && IsNumber<T4>() && IsNumber<TR>() ? new Export(function).Func4<T1, T2, T3, T4, TR> : typed;

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Func<T1, T2, T3, T4, T5, TR>? Faster<T1, T2, T3, T4, T5, TR>(Function function, Func<T1, T2, T3, T4, T5, TR>? typed) =>
        Replaceable(function, typed) && IsNumber<T1>() && IsNumber<T2>() && IsNumber<T3>() && IsNumber<T4>() && IsNumber<T5>() && IsNumber<TR>() ? new Export(function).Func5<T1, T2, T3, T4, T5, TR> : typed;

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Func<T1, T2, T3, T4, T5, T6, TR>? Faster<T1, T2, T3, T4, T5, T6, TR>(Function function, Func<T1, T2, T3, T4, T5, T6, TR>? typed) =>
        Replaceable(function, typed) && IsNumber<T1>() && IsNumber<T2>() && IsNumber<T3>() && IsNumber<T4>() && IsNumber<T5>() && IsNumber<T6>() && IsNumber<TR>() ? new Export(function).Func6<T1, T2, T3, T4, T5, T6, TR> : typed;

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Func<T1, T2, T3, T4, T5, T6, T7, TR>? Faster<T1, T2, T3, T4, T5, T6, T7, TR>(Function function, Func<T1, T2, T3, T4, T5, T6, T7, TR>? typed) =>
        Replaceable(function, typed) && IsNumber<T1>() && IsNumber<T2>() && IsNumber<T3>() && IsNumber<T4>() && IsNumber<T5>() && IsNumber<T6>() && IsNumber<T7>() && IsNumber<TR>() ? new Export(function).Func7<T1, T2, T3, T4, T5, T6, T7, TR> : typed;

    /// <summary>A delegate calling <paramref name="function"/> directly, or <paramref name="typed"/> (see the class remarks).</summary>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static Func<T1, T2, T3, T4, T5, T6, T7, T8, TR>? Faster<T1, T2, T3, T4, T5, T6, T7, T8, TR>(Function function, Func<T1, T2, T3, T4, T5, T6, T7, T8, TR>? typed) =>
        Replaceable(function, typed) && IsNumber<T1>() && IsNumber<T2>() && IsNumber<T3>() && IsNumber<T4>() && IsNumber<T5>() && IsNumber<T6>() && IsNumber<T7>() && IsNumber<T8>() && IsNumber<TR>() ? new Export(function).Func8<T1, T2, T3, T4, T5, T6, T7, T8, TR> : typed;
}
