using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Marshalling;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Emit;

/// <summary>
/// The one place that orders the marshalling stages, for both directions; the order is the safety contract.
/// Exports: setup (no guest calls) -&gt; allocate (every guest allocation of the call) -&gt; write (fresh views)
/// -&gt; invoke -&gt; read (copy back and results, fresh views) -&gt; free (after success, or in the catch on failure,
/// so a failing free never hides the call's outcome). Imports: check the return area -&gt; read (copies,
/// fresh views) -&gt; invoke (borrowed views taken last) -&gt; allocate and write the result. No view is taken
/// before the last allocation of its stage has returned, and none outlives the statement that takes it.
/// </summary>
internal static class StageDriver
{
    /// <summary>The body of an export method, after its operation name.</summary>
    public static void EmitExportBody(IndentedWriter w, MethodModel method)
    {
        Marshaller[] marshallers = method.Parameters.Select(p => MarshallerResolver.For(p)).ToArray();
        Marshaller result = MarshallerResolver.For(method.ReturnType);
        bool returnArea = method.Lowered.ReturnArea;
        bool resultPointer = method.Lowered.ResultPointer;
        bool allocates = returnArea || resultPointer || method.Parameters.Where((p, i) => marshallers[i].BlockLength(p) is not null).Any();
        string operation = method.Local("operation");
        string block = method.Local("block");
        string blockSize = method.Local("block_size");
        string returnAreaLocal = method.Local("return_area");

        // Setup: argument checks and sizes. No guest calls, no views.
        ForEach(method, marshallers, (m, p) => m.EmitSetup(w, p));

        if (!allocates)
        {
            EmitInvoke(w, method, marshallers);
            result.EmitExportResult(w, method, target: null);
            return;
        }

        // One guest block holds the return area (first, so malloc's alignment covers it) and every argument buffer,
        // each at its element alignment. Offsets are computed before the block's size, which includes the padding.
        var sizeTerms = new List<string>();
        if (returnArea)
        {
            sizeTerms.Add("global::Bindgen.GuestMemory.ReturnAreaSize");
        }

        if (resultPointer)
        {
            // The struct result's room, first in the block: the block's 8-byte alignment covers any C struct.
            sizeTerms.Add(method.ReturnType.Memory!.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var offsets = new Dictionary<int, string>();
        bool startsAtOffset = false; // whether sizeTerms[0] is a 64-bit offset local (after an aligned buffer)
        for (int i = 0; i < marshallers.Length; i++)
        {
            ParameterModel p = method.Parameters[i];
            if (marshallers[i].BlockLength(p) is not { } length)
            {
                continue;
            }

            if (marshallers[i].BlockAlignment > 1 && sizeTerms.Count > 0)
            {
                string offsetLocal = Marshaller.Local(p, "offset");
                w.Line($"long {offsetLocal} = global::Bindgen.GuestMemory.AlignUp({Sum(sizeTerms, startsAtOffset)}, {marshallers[i].BlockAlignment});");
                offsets[i] = "(int)" + offsetLocal;
                sizeTerms.Clear();
                sizeTerms.Add(offsetLocal);
                startsAtOffset = true;
            }
            else
            {
                // After an aligned buffer the terms start with its 64-bit offset; the block size already fits an int.
                string sum = string.Join(" + ", sizeTerms);
                offsets[i] = startsAtOffset ? $"(int)({sum})" : sum;
            }

            sizeTerms.Add(length);
        }

        if (returnArea)
        {
            w.Line($"int {returnAreaLocal} = 0;");
        }

        if (resultPointer)
        {
            w.Line($"int {method.Local("result_pointer")} = 0;");
        }

        w.Line($"int {blockSize} = global::Bindgen.GuestMemory.BlockSize({Sum(sizeTerms, startsAtOffset)}, {operation});");
        w.Line($"int {block} = 0;");
        string owned = method.Local("owned");
        string returned = method.Local("returned");
        bool returns = method.ReturnType.Shape != TypeShape.Void;
        bool holdsOwned = returnArea || result.HoldsOwnedResult;
        if (holdsOwned)
        {
            w.Line($"global::Bindgen.GuestRange {owned} = default;");
        }

        if (returns)
        {
            w.Line($"{method.ReturnType.FullName} {returned};");
        }

        w.Open("try");
        w.Line("// Allocate: the call's one guest allocation returns before the first view is taken (pre-grow guard).");
        w.Line("// The block is checked whole before any offset inside it is computed.");
        w.Line($"{block} = this._memory.AllocateBlock({blockSize}, {operation});");
        if (returnArea)
        {
            w.Line($"{returnAreaLocal} = {block};");
        }

        if (resultPointer)
        {
            w.Line($"{method.Local("result_pointer")} = {block};");
        }

        foreach (KeyValuePair<int, string> place in offsets.OrderBy(o => o.Key))
        {
            marshallers[place.Key].EmitPlace(w, method.Parameters[place.Key], place.Value);
        }

        w.Line("// Write: each copy takes a fresh view of the live memory.");
        if (returnArea)
        {
            w.Line("// A return area the guest leaves unwritten keeps this mark and is reported, never read as a result.");
            w.Line($"this._memory.PrepareReturnArea({returnAreaLocal}, {operation});");
        }

        ForEach(method, marshallers, (m, p) => m.EmitWrite(w, p));

        EmitInvoke(w, method, marshallers);

        w.Line("// Read: copy back and results through fresh views; the call may have moved memory.");
        ForEach(method, marshallers, (m, p) => m.EmitCopyBack(w, p));

        result.EmitExportResult(w, method, returns ? returned : null);
        w.Close();
        string blockRange = $"new global::Bindgen.GuestRange({block}, {blockSize})";
        string ownedRange = holdsOwned ? owned : "default";
        w.Open($"catch (global::System.Exception {method.Local("failure")})");
        w.Line("// The call failed: free what it holds. A failing free is recorded on this exception, never replaces it.");
        w.Line($"this._memory.ReleaseAfterFailure({method.Local("failure")}, {ownedRange}, {blockRange}, {operation});");
        w.Line("throw;");
        w.Close();
        w.Line("// The call succeeded: free what it holds. A failing free raises GuestCleanupException, which carries the result.");
        w.Line(returns
            ? $"return this._memory.Release({returned}, {ownedRange}, {blockRange}, {operation});"
            : $"this._memory.Release({ownedRange}, {blockRange}, {operation});");
    }

    /// <summary>The body of an import callback, after its operation name and guest memory.</summary>
    public static void EmitImportBody(IndentedWriter w, MethodModel method)
    {
        Marshaller[] marshallers = method.Parameters.Select(p => MarshallerResolver.For(p)).ToArray();
        string memory = method.Local("memory");
        string operation = method.Local("operation");
        string resultLocal = method.Local("result");

        // Check: guest memory the call will write (out slots, a struct result's room), before anything else happens.
        ForEach(method, marshallers, (m, p) => m.EmitImportCheck(w, method, p));
        Marshaller resultMarshaller = MarshallerResolver.For(method.ReturnType);
        if (method.Lowered.ResultPointer)
        {
            resultMarshaller.EmitImportCheck(w, method, null);
        }

        // Read: copies of arguments through fresh views that check the range; borrowed views become expressions.
        var arguments = new List<string>();
        ForEach(method, marshallers, (m, p) => arguments.Add(m.EmitImportArgument(w, method, p)));

        bool borrows = marshallers.Any(m => m.Borrows);
        if (borrows)
        {
            w.Line($"    global::Bindgen.MemorySnapshot {method.Local("snapshot")} = {memory}.Snapshot();");
        }

        // Invoke the implementation.
        string call = $"implementation.{method.Identifier}({string.Join(", ", arguments)});";
        if (method.ReturnType.Shape != TypeShape.Void)
        {
            w.Line($"    {method.ReturnType.FullName} {resultLocal};");
            call = resultLocal + " = " + call;
        }

        w.Line("    try");
        w.Line("    {");
        w.Line("        " + call);
        w.Line("    }");
        w.Line($"    catch (global::System.Exception {method.Local("exception")})");
        w.Line("    {");
        w.Line($"        throw global::Bindgen.GuestFailures.FromImplementation({operation}, {method.Local("exception")});");
        w.Line("    }");
        if (borrows)
        {
            w.Line("    // Checked mode: the borrowed views must not have gone stale while the implementation held them.");
            w.Line($"    {memory}.VerifyUnchanged({method.Local("snapshot")}, {operation});");
        }

        // Write back: ref and out arguments, through fresh views (the implementation may have grown memory).
        ForEach(method, marshallers, (m, p) => m.EmitImportCopyBack(w, method, p));

        // Allocate and write the result.
        resultMarshaller.EmitImportResult(w, method, resultLocal);
    }

    /// <summary>
    /// Invoke: calls the export's delegate, turning a Wasmtime failure into Bindgen's exception naming the export. A
    /// method's <c>CancellationToken</c> is registered for exactly this stage: allocation before it and the release
    /// after it are never cancelled, so an interrupted call still frees what it holds.
    /// </summary>
    private static void EmitInvoke(IndentedWriter w, MethodModel method, Marshaller[] marshallers)
    {
        var arguments = method.Parameters.Select((p, i) => marshallers[i].Arguments(p)).ToList();
        if (method.Lowered.ReturnArea)
        {
            arguments.Add(method.Local("return_area"));
        }

        if (method.Lowered.ResultPointer)
        {
            arguments.Insert(0, method.Local("result_pointer"));
        }

        string call = method.Lowered.IsTyped
            ? $"this.{StubEmitter.DelegateField(method)}({string.Join(", ", arguments)});"
            : $"this.{StubEmitter.DelegateField(method)}.Invoke(new global::Wasmtime.ValueBox[] {{ {string.Join(", ", arguments)} }});";
        if (method.Lowered.ResultClrType is { } resultType)
        {
            w.Line($"{resultType} {method.Local("result")};");
            call = method.Local("result") + " = " + (method.Lowered.IsTyped ? call : $"({resultType}){call.TrimEnd(';')}!;");
        }

        string cancellation = method.Local("cancellation");
        if (method.CancellationToken is { } token)
        {
            w.Line("// Cancelling the token interrupts the guest through the engine's epoch (see CallBounds); costs nothing when it cannot be cancelled.");
            w.Line($"global::Bindgen.CancellationScope {cancellation} = this._bounds.Enter({token});");
        }

        w.Open("try");
        w.Line(call);
        w.Close();
        w.Open($"catch (global::Wasmtime.WasmtimeException {method.Local("exception")})");
        w.Line($"throw global::Bindgen.GuestFailures.FromWasmtime({method.Local("operation")}, {method.Local("exception")});");
        w.Close();
        if (method.CancellationToken is not null)
        {
            w.Open("finally");
            w.Line($"{cancellation}.Dispose();");
            w.Close();
        }
    }

    /// <summary>A sum in 64 bits: the first term is widened, so int lengths cannot wrap.</summary>
    private static string Sum(List<string> terms, bool startsAtOffset) =>
        string.Join(" + ", terms.Select((t, i) => i == 0 && !startsAtOffset ? "(long)" + t : t));

    private static void ForEach(MethodModel method, Marshaller[] marshallers, System.Action<Marshaller, ParameterModel> action)
    {
        for (int i = 0; i < marshallers.Length; i++)
        {
            action(marshallers[i], method.Parameters[i]);
        }
    }
}
