using System;
using Wasmtime;

namespace Bindgen.Internals;

// One method per delegate shape Wasmtime can wrap (up to 16 parameters), so that a generated constructor resolves each
// export with a plain generic call instead of a lambda per export: the compiler binds and emits far less for each
// method of a binding, and the binding is created exactly as through Function<T> with a wrapping lambda. Results are
// wasm numbers, so TResult is a value type (which also keeps Wasmtime's TResult? from meaning anything else).
public sealed partial class ExportResolver
{
    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with no parameters and a result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Func<TResult> Func<TResult>(string exportName, string expectedSignature)
        where TResult : struct =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapFunc<TResult>()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with one parameter and a result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Func<T1, TResult> Func<T1, TResult>(string exportName, string expectedSignature)
        where TResult : struct =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapFunc<T1, TResult>()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 2 parameters and a result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Func<T1, T2, TResult> Func<T1, T2, TResult>(string exportName, string expectedSignature)
        where TResult : struct =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapFunc<T1, T2, TResult>()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 3 parameters and a result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Func<T1, T2, T3, TResult> Func<T1, T2, T3, TResult>(string exportName, string expectedSignature)
        where TResult : struct =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapFunc<T1, T2, T3, TResult>()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 4 parameters and a result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Func<T1, T2, T3, T4, TResult> Func<T1, T2, T3, T4, TResult>(string exportName, string expectedSignature)
        where TResult : struct =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapFunc<T1, T2, T3, T4, TResult>()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 5 parameters and a result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Func<T1, T2, T3, T4, T5, TResult> Func<T1, T2, T3, T4, T5, TResult>(string exportName, string expectedSignature)
        where TResult : struct =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapFunc<T1, T2, T3, T4, T5, TResult>()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 6 parameters and a result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Func<T1, T2, T3, T4, T5, T6, TResult> Func<T1, T2, T3, T4, T5, T6, TResult>(string exportName, string expectedSignature)
        where TResult : struct =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapFunc<T1, T2, T3, T4, T5, T6, TResult>()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 7 parameters and a result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Func<T1, T2, T3, T4, T5, T6, T7, TResult> Func<T1, T2, T3, T4, T5, T6, T7, TResult>(string exportName, string expectedSignature)
        where TResult : struct =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapFunc<T1, T2, T3, T4, T5, T6, T7, TResult>()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 8 parameters and a result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult> Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult>(string exportName, string expectedSignature)
        where TResult : struct =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapFunc<T1, T2, T3, T4, T5, T6, T7, T8, TResult>()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 9 parameters and a result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult> Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult>(string exportName, string expectedSignature)
        where TResult : struct =>
        Function(exportName, expectedSignature, static f => f.WrapFunc<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult>());

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 10 parameters and a result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult> Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult>(string exportName, string expectedSignature)
        where TResult : struct =>
        Function(exportName, expectedSignature, static f => f.WrapFunc<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult>());

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 11 parameters and a result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, TResult> Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, TResult>(string exportName, string expectedSignature)
        where TResult : struct =>
        Function(exportName, expectedSignature, static f => f.WrapFunc<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, TResult>());

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 12 parameters and a result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, TResult> Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, TResult>(string exportName, string expectedSignature)
        where TResult : struct =>
        Function(exportName, expectedSignature, static f => f.WrapFunc<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, TResult>());

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 13 parameters and a result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, TResult> Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, TResult>(string exportName, string expectedSignature)
        where TResult : struct =>
        Function(exportName, expectedSignature, static f => f.WrapFunc<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, TResult>());

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 14 parameters and a result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, TResult> Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, TResult>(string exportName, string expectedSignature)
        where TResult : struct =>
        Function(exportName, expectedSignature, static f => f.WrapFunc<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, TResult>());

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 15 parameters and a result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, TResult> Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, TResult>(string exportName, string expectedSignature)
        where TResult : struct =>
        Function(exportName, expectedSignature, static f => f.WrapFunc<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, TResult>());

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 16 parameters and a result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, TResult> Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, TResult>(string exportName, string expectedSignature)
        where TResult : struct =>
        Function(exportName, expectedSignature, static f => f.WrapFunc<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, TResult>());

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with no parameters and no result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Action Action(string exportName, string expectedSignature) =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapAction()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with one parameter and no result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Action<T1> Action<T1>(string exportName, string expectedSignature) =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapAction<T1>()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 2 parameters and no result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Action<T1, T2> Action<T1, T2>(string exportName, string expectedSignature) =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapAction<T1, T2>()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 3 parameters and no result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Action<T1, T2, T3> Action<T1, T2, T3>(string exportName, string expectedSignature) =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapAction<T1, T2, T3>()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 4 parameters and no result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Action<T1, T2, T3, T4> Action<T1, T2, T3, T4>(string exportName, string expectedSignature) =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapAction<T1, T2, T3, T4>()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 5 parameters and no result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Action<T1, T2, T3, T4, T5> Action<T1, T2, T3, T4, T5>(string exportName, string expectedSignature) =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapAction<T1, T2, T3, T4, T5>()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 6 parameters and no result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Action<T1, T2, T3, T4, T5, T6> Action<T1, T2, T3, T4, T5, T6>(string exportName, string expectedSignature) =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapAction<T1, T2, T3, T4, T5, T6>()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 7 parameters and no result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Action<T1, T2, T3, T4, T5, T6, T7> Action<T1, T2, T3, T4, T5, T6, T7>(string exportName, string expectedSignature) =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapAction<T1, T2, T3, T4, T5, T6, T7>()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 8 parameters and no result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8> Action<T1, T2, T3, T4, T5, T6, T7, T8>(string exportName, string expectedSignature) =>
        Function(exportName, expectedSignature, static f => DirectExportCalls.Faster(f, f.WrapAction<T1, T2, T3, T4, T5, T6, T7, T8>()));

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 9 parameters and no result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8, T9> Action<T1, T2, T3, T4, T5, T6, T7, T8, T9>(string exportName, string expectedSignature) =>
        Function(exportName, expectedSignature, static f => f.WrapAction<T1, T2, T3, T4, T5, T6, T7, T8, T9>());

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 10 parameters and no result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(string exportName, string expectedSignature) =>
        Function(exportName, expectedSignature, static f => f.WrapAction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>());

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 11 parameters and no result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>(string exportName, string expectedSignature) =>
        Function(exportName, expectedSignature, static f => f.WrapAction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>());

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 12 parameters and no result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>(string exportName, string expectedSignature) =>
        Function(exportName, expectedSignature, static f => f.WrapAction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>());

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 13 parameters and no result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13> Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>(string exportName, string expectedSignature) =>
        Function(exportName, expectedSignature, static f => f.WrapAction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>());

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 14 parameters and no result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14> Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>(string exportName, string expectedSignature) =>
        Function(exportName, expectedSignature, static f => f.WrapAction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>());

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 15 parameters and no result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15> Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>(string exportName, string expectedSignature) =>
        Function(exportName, expectedSignature, static f => f.WrapAction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>());

    /// <summary>Resolves and checks function <paramref name="exportName"/> as a typed delegate with 16 parameters and no result; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16> Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>(string exportName, string expectedSignature) =>
        Function(exportName, expectedSignature, static f => f.WrapAction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>());
}
