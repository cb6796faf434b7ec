using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Abi.C;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.C;

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
    /// <summary>Where an argument buffer that follows something else in a call's block starts: a multiple of 16 bytes.</summary>
    private const int BufferAlignment = 16;

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

        // Setup: argument checks and sizes. No guest calls, no views.
        ForEach(method, marshallers, (m, p) => m.EmitSetup(w, p));

        if (!allocates)
        {
            EmitUnallocatedCall(w, method, marshallers, result);
            return;
        }

        // One guest block holds the return area or a struct result's room (first, so malloc's alignment covers it)
        // and every argument buffer. A buffer after anything else starts 16-byte aligned (at least its element
        // alignment): the guest's own copies of it are fastest from there (a 4096-char string at 8 past an aligned
        // block made echo 1.7x slower than the hand-written code, docs/benchmarks.md). Offsets are computed before
        // the block's size, which includes the padding.
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

            if (sizeTerms.Count > 0)
            {
                string offsetLocal = Marshaller.Local(p, "offset");
                int alignment = System.Math.Max(marshallers[i].BlockAlignment, BufferAlignment);
                w.Line($"long {offsetLocal} = global::Bindgen.GuestMemory.AlignUp({Sum(sizeTerms, startsAtOffset)}, {alignment});");
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

        // Allocate: the call's one guest allocation, size and range checked by the runtime, returns before the first
        // view is taken (the pre-grow guard). It holds nothing yet if it throws, so it precedes the try.
        w.Line("// The call's one guest allocation, checked whole, returns before any view is taken; each view below is fresh.");
        w.Line($"global::Bindgen.GuestRange {block} = this._memory.AllocateCallBlock({Sum(sizeTerms, startsAtOffset)}, {operation});");
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
        foreach (KeyValuePair<int, string> place in offsets.OrderBy(o => o.Key))
        {
            marshallers[place.Key].EmitPlace(w, method.Parameters[place.Key], place.Value);
        }

        // Write: each copy takes a fresh view of the live memory. A return area the guest leaves unwritten keeps the
        // host's mark and is reported, never read as a result.
        if (returnArea)
        {
            w.Line($"this._memory.PrepareReturnArea({block}.Address, {operation});");
        }

        ForEach(method, marshallers, (m, p) => m.EmitWrite(w, p));

        // Invoke, then read: copy back and results through fresh views, since the call may have moved memory. A
        // Wasmtime failure of the call is turned into Bindgen's exception by the runtime's failure path below.
        string? inline = EmitCall(w, method, marshallers, returns ? result : null, catchWasmtime: false);
        if (inline is not null)
        {
            w.Line($"{returned} = {inline};");
        }

        ForEach(method, marshallers, (m, p) => m.EmitCopyBack(w, p));

        if (inline is null)
        {
            result.EmitExportResult(w, method, returns ? returned : null);
        }

        w.Close();

        // Free: on failure the runtime frees what the call holds, recording a failing free on the call's exception;
        // on success a failing free raises GuestCleanupException, which carries the result.
        string ownedRange = holdsOwned ? owned : "default";
        w.Open($"catch (global::System.Exception {method.Local("failure")})");
        w.Line($"throw this._memory.CallFailed({method.Local("failure")}, {ownedRange}, {block}, {operation});");
        w.Close();
        w.Line(returns
            ? $"return this._memory.Release({returned}, {ownedRange}, {block}, {operation});"
            : $"this._memory.Release({ownedRange}, {block}, {operation});");
    }

    /// <summary>
    /// A call that allocates nothing in the guest: invoke and result inside one <c>try</c> that turns a Wasmtime
    /// failure into Bindgen's exception naming the export.
    /// </summary>
    private static void EmitUnallocatedCall(IndentedWriter w, MethodModel method, Marshaller[] marshallers, Marshaller result)
    {
        bool returns = method.ReturnType.Shape != TypeShape.Void;
        if (method.CancellationToken is not null)
        {
            // The cancellation scope needs its own finally around the call alone; the result is read after it.
            EmitCall(w, method, marshallers, null, catchWasmtime: true);
            result.EmitExportResult(w, method, target: null);
            return;
        }

        w.Open("try");
        string? inline = EmitCall(w, method, marshallers, returns ? result : null, catchWasmtime: false);
        if (inline is not null)
        {
            w.Line($"return {inline};");
        }
        else
        {
            result.EmitExportResult(w, method, target: null);
        }

        w.Close();
        EmitWasmtimeCatch(w, method);
    }

    /// <summary>The body of an import callback, after its operation name and guest memory.</summary>
    public static void EmitImportBody(IndentedWriter w, ModuleModel module, MethodModel method)
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
        string call = $"{ClassFrame.Implementation(module, method)}.{method.Identifier}({string.Join(", ", arguments)});";
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
        w.Line($"        throw global::Bindgen.Internals.GuestFailures.FromImplementation({operation}, {method.Local("exception")});");
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
    /// Invoke: calls the export's delegate. A method's <c>CancellationToken</c> is registered for exactly this stage:
    /// allocation before it and the release after it are never cancelled, so an interrupted call still frees what it
    /// holds. With <paramref name="catchWasmtime"/>, a Wasmtime failure of the call becomes Bindgen's exception naming
    /// the export here; otherwise the caller's <c>try</c> does it. Returns the method's result as an expression of the
    /// call when <paramref name="inlineResult"/> can compute it so (nothing is emitted for the call then); otherwise
    /// stores the wasm result, if any, in the <c>result</c> local and returns null.
    /// </summary>
    private static string? EmitCall(IndentedWriter w, MethodModel method, Marshaller[] marshallers, Marshaller? inlineResult, bool catchWasmtime)
    {
        var arguments = method.Parameters.Select((p, i) => marshallers[i].Arguments(p)).ToList();
        if (method.Lowered.ReturnArea)
        {
            arguments.Add(method.Local("block") + ".Address");
        }

        if (method.Lowered.ResultPointer)
        {
            arguments.Insert(0, method.Local("block") + ".Address");
        }

        string field = ExportDelegates.DelegateField(method);
        string? resultType = method.Lowered.ResultClrType;
        string call = method.Lowered.IsTyped
            ? $"this.{field}({string.Join(", ", arguments)})"
            : UntypedCallExpression(method, field, arguments, resultType);

        string resultLocal = method.Local("result");
        if (method.CancellationToken is not { } token)
        {
            if (catchWasmtime)
            {
                w.Open("try");
            }

            string? inline = resultType is null ? null : inlineResult?.InlineExportResult(method, call);
            if (inline is null)
            {
                w.Line(resultType is null ? call + ";" : $"{resultType} {resultLocal} = {call};");
            }

            if (catchWasmtime)
            {
                w.Close();
                EmitWasmtimeCatch(w, method);
            }

            return inline;
        }

        string cancellation = method.Local("cancellation");
        if (resultType is not null)
        {
            w.Line($"{resultType} {resultLocal};");
            call = resultLocal + " = " + call;
        }

        if (catchWasmtime)
        {
            w.Open("try");
        }

        // A token that cannot be cancelled (CancellationToken.None) takes the plain call, without the scope's try.
        w.Open($"if (!{token}.CanBeCanceled)");
        w.Line(call + ";");
        w.Close();
        w.Open("else");
        w.Line("// Cancelling the token interrupts the guest through the engine's epoch (see CallBounds).");
        w.Line($"global::Bindgen.Internals.CancellationScope {cancellation} = this._bounds.Enter({token});");
        w.Open("try");
        w.Line(call + ";");
        w.Close();
        w.Open("finally");
        w.Line($"{cancellation}.Dispose();");
        w.Close();
        w.Close();
        if (catchWasmtime)
        {
            w.Close();
            EmitWasmtimeCatch(w, method);
        }

        return null;
    }

    private static void EmitWasmtimeCatch(IndentedWriter w, MethodModel method)
    {
        w.Open($"catch (global::Wasmtime.WasmtimeException {method.Local("exception")})");
        w.Line($"throw global::Bindgen.Internals.GuestFailures.FromWasmtime({method.Local("operation")}, {method.Local("exception")});");
        w.Close();
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

    /// <summary>
    /// A call past Wasmtime's typed delegates: the arguments written into a stack buffer (two words per value), one
    /// direct call, no per-call array.
    /// </summary>
    private static string UntypedCallExpression(MethodModel method, string field, List<string> arguments, string? resultType)
    {
        int words = 2 * System.Math.Max(method.Lowered.Parameters.Count, 1);
        string with = string.Concat(arguments.SelectMany(TopLevelParts).Select(a => $".With({a})"));
        string finish = resultType switch
        {
            null => "Call",
            "int" => "CallInt32",
            "long" => "CallInt64",
            "float" => "CallSingle",
            _ => "CallDouble",
        };
        return $"this.{field}.Start(stackalloc ulong[{words}]){with}.{finish}()";
    }

    /// <summary>A marshaller's argument text split into its wasm values (a span is "address, length").</summary>
    private static IEnumerable<string> TopLevelParts(string arguments)
    {
        int depth = 0;
        int start = 0;
        for (int i = 0; i < arguments.Length; i++)
        {
            switch (arguments[i])
            {
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return arguments.Substring(start, i - start).Trim();
                    start = i + 1;
                    break;
            }
        }

        yield return arguments.Substring(start).Trim();
    }
}
