using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Canonical;

/// <summary>
/// The canonical call protocol of one export, in the one order that keeps views fresh: (1) every guest block of
/// the argument tree is allocated with <c>cabi_realloc</c> (the spilled-argument tuple first, then each string and
/// list, depth first); (2) one view is taken and the arguments are written, flat or into the tuple; (3) the call;
/// (4) a fresh view, the result lifted and validated; (5) <c>cabi_post_*</c> when exported.
/// </summary>
internal static class CanonicalStageDriver
{
    public static bool UsesMemory(CanonicalSignature s) =>
        AllocatesArguments(s) || CanonicalAbi.ResultSpills(s.Result) || (s.Result is not null && CanonicalCodec.HasAllocations(s.Result));

    public static bool AllocatesArguments(CanonicalSignature s) =>
        CanonicalAbi.ParametersSpill(s.Parameters) || s.Parameters.Any(CanonicalCodec.HasAllocations);

    /// <summary>One export method; <paramref name="guest"/> is the canonical guest it uses (its memory and realloc).</summary>
    public static void EmitMethod(IndentedWriter w, CanonicalCodec codec, ModuleModel module, MethodModel method, string guest = "this._guest")
    {
        CanonicalSignature s = method.Canonical();
        string parameters = string.Join(", ", method.Parameters.Select(p => (p.IsParams ? "params " : string.Empty) + p.Type.FullName + " " + p.Name));
        string declaration = method.ImplementExplicitly
            ? $"{method.ReturnType.FullName} {method.DeclaringInterface}.{method.Identifier}({parameters})"
            : $"public {method.ReturnType.FullName} {method.Identifier}({parameters})";
        w.Line("/// <inheritdoc/>");
        w.Line("[global::Bindgen.MayGrowMemory]");
        w.Open(declaration);
        StoreGateText.Enter(w, module, method);
        string L(string name) => method.Local(name);

        codec.UseNames(L("m"), L("p"), L("g"), L("op"));
        w.Line($"const string {L("op")} = {CSharpText.Literal($"{module.InterfaceName}.{method.Name} (export '{method.ExportName}')")};");
        bool spill = CanonicalAbi.ParametersSpill(s.Parameters);
        bool writes = AllocatesArguments(s);
        bool liftsFromMemory = s.Result is not null && CanonicalAbi.ResultSpills(s.Result);
        if (writes || liftsFromMemory)
        {
            w.Line($"global::Bindgen.Internals.CanonicalGuest {L("g")} = {guest};");
        }

        var args = new List<string>();
        if (writes)
        {
            w.Line($"global::Bindgen.Internals.CanonicalPlan {L("p")} = {L("g")}.Rent();");
            w.Line("// (1) Measure and check the whole argument tree, then allocate: each cabi_realloc may grow and move memory.");
            WitType tuple = CanonicalAbi.ParameterTuple(s.Parameters);
            for (int i = 0; i < s.Parameters.Count; i++)
            {
                if (codec.Plan(s.Parameters[i], method.Parameters[i].Name) is { } plan)
                {
                    w.Line(plan);
                }
            }

            if (spill)
            {
                w.Line($"int {L("args")} = {L("g")}.Realloc({CanonicalLayout.Alignment(tuple)}, {CanonicalLayout.Size(tuple)}, {L("op")});");
            }

            w.Line($"{L("g")}.Allocate({L("p")}, {L("op")});");

            w.Line("// (2) Write through one view taken after the last allocation; no guest call until it is dropped.");
            w.Line($"global::Bindgen.MemorySnapshot {L("s")} = {L("g")}.Snapshot();");
            w.Line($"global::System.Span<byte> {L("m")} = {L("g")}.View();");
            if (spill)
            {
                int[] offsets = CanonicalLayout.FieldOffsets(tuple);
                for (int i = 0; i < s.Parameters.Count; i++)
                {
                    string at = L("args") + (offsets[i] == 0 ? string.Empty : " + " + offsets[i].ToString(CultureInfo.InvariantCulture));
                    w.Line(codec.Store(s.Parameters[i], method.Parameters[i].Name, at));
                }

                args.Add(L("args"));
            }
            else
            {
                var flat = new CanonicalFlatLowering(w, codec, method);
                for (int i = 0; i < s.Parameters.Count; i++)
                {
                    args.AddRange(flat.Lower(s.Parameters[i], method.Parameters[i].Name));
                }
            }

            w.Line($"{L("g")}.VerifyUnchanged({L("s")}, {L("op")});");
            w.Line($"{L("g")}.Return({L("p")});");
        }
        else
        {
            var flat = new CanonicalFlatLowering(w, codec, method);
            for (int i = 0; i < s.Parameters.Count; i++)
            {
                args.AddRange(flat.Lower(s.Parameters[i], method.Parameters[i].Name));
            }
        }

        w.Line("// (3) Call.");
        string call = $"this.{method.FieldName}({string.Join(", ", args)})";
        string? raw = method.Lowered.ResultClrType;
        if (raw is not null)
        {
            w.Line($"{raw} {L("r")};");
        }

        w.Open("try");
        w.Line(raw is null ? call + ";" : $"{L("r")} = {call};");
        w.Close();
        w.Open($"catch (global::Wasmtime.WasmtimeException {L("e")})");
        w.Line($"throw global::Bindgen.Internals.GuestFailures.FromWasmtime({L("op")}, {L("e")});");
        w.Close();

        string returned = L("result");
        if (s.Result is not null)
        {
            if (liftsFromMemory)
            {
                w.Line("// (4) Lift through a fresh view, every read bounds-checked and validated.");
                codec.UseNames(L("rm"), L("p"), L("g"), L("op"));
                w.Line($"global::Bindgen.MemorySnapshot {L("rs")} = {L("g")}.Snapshot();");
                w.Line($"global::System.ReadOnlySpan<byte> {L("rm")} = {L("g")}.View();");
                string at = $"global::Bindgen.Internals.CanonicalLift.Check({L("rm")}, {L("r")}, {CanonicalLayout.Size(s.Result)}, {CanonicalLayout.Alignment(s.Result)}, {L("op")})";
                w.Line($"{method.ReturnType.FullName} {L("result")} = {codec.Load(s.Result, at)};");
                w.Line($"{L("g")}.VerifyUnchanged({L("rs")}, {L("op")});");
            }
            else if (codec.FlatLift(s.Result, L("r")) is var lifted && lifted != L("r"))
            {
                w.Line("// (4) Lift the result from its one flat value.");
                w.Line($"{method.ReturnType.FullName} {L("result")} = {lifted};");
            }
            else
            {
                // An s32, s64, f32 or f64 is its flat value: nothing to lift.
                returned = L("r");
            }
        }

        w.Line(liftsFromMemory
            ? "// (5) Let the guest free what it returned, now that it is copied out."
            : "// (5) Post-return, whenever the module exports it: canon lift calls it after every call, whatever the result.");
        w.Open($"if (this._post_{method.FieldName} is {{ }} {L("post")})");
        w.Open("try");
        w.Line(raw is null ? $"{L("post")}();" : $"{L("post")}({L("r")});");
        w.Close();
        w.Open($"catch (global::Wasmtime.WasmtimeException {L("e")})");
        w.Line($"throw global::Bindgen.Internals.GuestFailures.FromWasmtime({L("op")}, {L("e")});");
        w.Close();
        w.Close();
        if (s.Result is not null)
        {
            w.Line($"return {returned};");
        }

        StoreGateText.Exit(w, method);
        w.Close();
    }
}
