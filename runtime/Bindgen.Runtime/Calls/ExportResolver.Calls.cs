using System;
using Wasmtime;

namespace Bindgen.Internals;

// The resolvers of the generated methods' typed calls (Bindgen.Internals.ExportFunc and ExportAction): the export
// checked as by Function<T>, Wasmtime's typed delegate for the fallback, and the direct call when it is proven.
public sealed partial class ExportResolver
{
    /// <summary>Resolves and checks function <paramref name="exportName"/>, with no parameters and a result, as the call of generated method <paramref name="method"/>; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    /// <param name="method">The generated method, named by the call's exceptions and telemetry.</param>
    public ExportFunc<TResult> CallFunc<TResult>(string exportName, string expectedSignature, string method)
        where TResult : struct
    {
        Function? function = CheckedFunction(exportName, expectedSignature);
        if (function?.WrapFunc<TResult>() is not { } typed)
        {
            Refuse(exportName, expectedSignature, function);
            return null!;
        }

        return new(Site(exportName, method, DirectExportCalls.IsNumber<TResult>() ? function : null), typed);
    }

    /// <summary>Resolves and checks function <paramref name="exportName"/>, with one parameter and a result, as the call of generated method <paramref name="method"/>; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    /// <param name="method">The generated method, named by the call's exceptions and telemetry.</param>
    public ExportFunc<T1, TResult> CallFunc<T1, TResult>(string exportName, string expectedSignature, string method)
        where TResult : struct
    {
        Function? function = CheckedFunction(exportName, expectedSignature);
        if (function?.WrapFunc<T1, TResult>() is not { } typed)
        {
            Refuse(exportName, expectedSignature, function);
            return null!;
        }

        return new(Site(exportName, method, DirectExportCalls.IsNumber<T1>() && DirectExportCalls.IsNumber<TResult>() ? function : null), typed);
    }

    /// <summary>Resolves and checks function <paramref name="exportName"/>, with 2 parameters and a result, as the call of generated method <paramref name="method"/>; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    /// <param name="method">The generated method, named by the call's exceptions and telemetry.</param>
    public ExportFunc<T1, T2, TResult> CallFunc<T1, T2, TResult>(string exportName, string expectedSignature, string method)
        where TResult : struct
    {
        Function? function = CheckedFunction(exportName, expectedSignature);
        if (function?.WrapFunc<T1, T2, TResult>() is not { } typed)
        {
            Refuse(exportName, expectedSignature, function);
            return null!;
        }

        return new(Site(exportName, method, DirectExportCalls.IsNumber<T1>() && DirectExportCalls.IsNumber<T2>() && DirectExportCalls.IsNumber<TResult>() ? function : null), typed);
    }

    /// <summary>Resolves and checks function <paramref name="exportName"/>, with 3 parameters and a result, as the call of generated method <paramref name="method"/>; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    /// <param name="method">The generated method, named by the call's exceptions and telemetry.</param>
    public ExportFunc<T1, T2, T3, TResult> CallFunc<T1, T2, T3, TResult>(string exportName, string expectedSignature, string method)
        where TResult : struct
    {
        Function? function = CheckedFunction(exportName, expectedSignature);
        if (function?.WrapFunc<T1, T2, T3, TResult>() is not { } typed)
        {
            Refuse(exportName, expectedSignature, function);
            return null!;
        }

        return new(Site(exportName, method, DirectExportCalls.IsNumber<T1>() && DirectExportCalls.IsNumber<T2>() && DirectExportCalls.IsNumber<T3>() && DirectExportCalls.IsNumber<TResult>() ? function : null), typed);
    }

    /// <summary>Resolves and checks function <paramref name="exportName"/>, with 4 parameters and a result, as the call of generated method <paramref name="method"/>; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    /// <param name="method">The generated method, named by the call's exceptions and telemetry.</param>
    public ExportFunc<T1, T2, T3, T4, TResult> CallFunc<T1, T2, T3, T4, TResult>(string exportName, string expectedSignature, string method)
        where TResult : struct
    {
        Function? function = CheckedFunction(exportName, expectedSignature);
        if (function?.WrapFunc<T1, T2, T3, T4, TResult>() is not { } typed)
        {
            Refuse(exportName, expectedSignature, function);
            return null!;
        }

        return new(Site(exportName, method, DirectExportCalls.IsNumber<T1>() && DirectExportCalls.IsNumber<T2>() && DirectExportCalls.IsNumber<T3>() && DirectExportCalls.IsNumber<T4>() && DirectExportCalls.IsNumber<TResult>() ? function : null), typed);
    }

    /// <summary>Resolves and checks function <paramref name="exportName"/>, with no parameters and no result, as the call of generated method <paramref name="method"/>; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    /// <param name="method">The generated method, named by the call's exceptions and telemetry.</param>
    public ExportAction CallAction(string exportName, string expectedSignature, string method)
    {
        Function? function = CheckedFunction(exportName, expectedSignature);
        if (function?.WrapAction() is not { } typed)
        {
            Refuse(exportName, expectedSignature, function);
            return null!;
        }

        return new(Site(exportName, method, function), typed);
    }

    /// <summary>Resolves and checks function <paramref name="exportName"/>, with one parameter and no result, as the call of generated method <paramref name="method"/>; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    /// <param name="method">The generated method, named by the call's exceptions and telemetry.</param>
    public ExportAction<T1> CallAction<T1>(string exportName, string expectedSignature, string method)
    {
        Function? function = CheckedFunction(exportName, expectedSignature);
        if (function?.WrapAction<T1>() is not { } typed)
        {
            Refuse(exportName, expectedSignature, function);
            return null!;
        }

        return new(Site(exportName, method, DirectExportCalls.IsNumber<T1>() ? function : null), typed);
    }

    /// <summary>Resolves and checks function <paramref name="exportName"/>, with 2 parameters and no result, as the call of generated method <paramref name="method"/>; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    /// <param name="method">The generated method, named by the call's exceptions and telemetry.</param>
    public ExportAction<T1, T2> CallAction<T1, T2>(string exportName, string expectedSignature, string method)
    {
        Function? function = CheckedFunction(exportName, expectedSignature);
        if (function?.WrapAction<T1, T2>() is not { } typed)
        {
            Refuse(exportName, expectedSignature, function);
            return null!;
        }

        return new(Site(exportName, method, DirectExportCalls.IsNumber<T1>() && DirectExportCalls.IsNumber<T2>() ? function : null), typed);
    }

    /// <summary>Resolves and checks function <paramref name="exportName"/>, with 3 parameters and no result, as the call of generated method <paramref name="method"/>; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    /// <param name="method">The generated method, named by the call's exceptions and telemetry.</param>
    public ExportAction<T1, T2, T3> CallAction<T1, T2, T3>(string exportName, string expectedSignature, string method)
    {
        Function? function = CheckedFunction(exportName, expectedSignature);
        if (function?.WrapAction<T1, T2, T3>() is not { } typed)
        {
            Refuse(exportName, expectedSignature, function);
            return null!;
        }

        return new(Site(exportName, method, DirectExportCalls.IsNumber<T1>() && DirectExportCalls.IsNumber<T2>() && DirectExportCalls.IsNumber<T3>() ? function : null), typed);
    }

    /// <summary>Resolves and checks function <paramref name="exportName"/>, with 4 parameters and no result, as the call of generated method <paramref name="method"/>; see <see cref="Function{T}"/>.</summary>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature, as for <see cref="Function{T}"/>.</param>
    /// <param name="method">The generated method, named by the call's exceptions and telemetry.</param>
    public ExportAction<T1, T2, T3, T4> CallAction<T1, T2, T3, T4>(string exportName, string expectedSignature, string method)
    {
        Function? function = CheckedFunction(exportName, expectedSignature);
        if (function?.WrapAction<T1, T2, T3, T4>() is not { } typed)
        {
            Refuse(exportName, expectedSignature, function);
            return null!;
        }

        return new(Site(exportName, method, DirectExportCalls.IsNumber<T1>() && DirectExportCalls.IsNumber<T2>() && DirectExportCalls.IsNumber<T3>() && DirectExportCalls.IsNumber<T4>() ? function : null), typed);
    }

    private DirectExportCalls.Site Site(string exportName, string method, Function? direct) =>
        new(StoreGate, _binding, method, exportName, direct);

    /// <summary>
    /// Records, as <see cref="Function{T}"/> does, that the signature matched as text but Wasmtime refused the delegate
    /// type (nothing when the function was not found: its problem is recorded already).
    /// </summary>
    private void Refuse(string exportName, string expectedSignature, Function? function)
    {
        if (function is not null)
        {
            _problems.Add(new ExportSignatureException(_binding, exportName, expectedSignature, Signature(function)));
        }
    }
}
