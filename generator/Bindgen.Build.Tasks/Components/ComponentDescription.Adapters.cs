using System.Collections.Generic;

namespace Bindgen.Build.Tasks.Components;

/// <summary>The <c>adapter</c> plan step of a composed component (docs/component-description.md).</summary>
public sealed partial class ComponentDescription
{
    /// <summary>
    /// <c>adapter n function caller-memory caller-realloc caller-encoding core callee-memory callee-realloc
    /// callee-post-return callee-encoding result parameters...</c>: core function <c>lowered n</c> calls the callee's
    /// lifted core function, with each side's options.
    /// </summary>
    private void Adapter(AdapterStep adapter)
    {
        var fields = new List<string>
        {
            "adapter", Number(adapter.Lowering), Escape(adapter.Function),
            Opt(adapter.Caller.Memory), Opt(adapter.Caller.Realloc), adapter.Caller.Encoding,
            adapter.Core.Text, Opt(adapter.Callee.Memory), Opt(adapter.Callee.Realloc), Opt(adapter.Callee.PostReturn), adapter.Callee.Encoding,
            adapter.Type.Result is null ? "-" : Ref(adapter.Type.Result),
        };
        foreach ((string parameter, WitType parameterType) in adapter.Type.Parameters)
        {
            fields.Add(Escape(parameter) + ":" + Ref(parameterType));
        }

        Line(fields.ToArray());
    }
}
