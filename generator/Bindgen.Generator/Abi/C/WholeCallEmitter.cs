using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.C;

/// <summary>
/// The body of an export whose block holds at most one argument (a non-null string, array or span, or one value
/// passed by pointer) besides its return area or struct result, with every other parameter a plain scalar: the
/// runtime's <c>Bindgen.Internals.CExportCall</c> takes the whole call (the store's gate, the argument's checks and
/// size, the block, the return area, the write, the result's read, the frees on every path), and the body keeps only
/// the export's own invocation. The order is the stage driver's: every allocation before the first view, every view
/// after the call fresh. What the compiler spends on a large binding is spread over its bodies' statements
/// (docs/benchmarks.md), so each shape taken whole here is a body of four statements instead of twenty.
/// </summary>
internal static class WholeCallEmitter
{
    private const string Call = "global::Bindgen.Internals.CExportCall";

    /// <summary>Writes the whole body of <paramref name="method"/> when its shape is one the runtime takes whole.</summary>
    /// <returns>False, having written nothing, for any other shape.</returns>
    public static bool TryEmit(IndentedWriter w, ModuleModel module, MethodModel method)
    {
        if (method.CancellationToken is not null || !method.Lowered.IsTyped)
        {
            return false;
        }

        Marshaller[] marshallers = method.Parameters.Select(p => MarshallerResolver.For(p)).ToArray();
        int argument = -1;
        for (int i = 0; i < marshallers.Length; i++)
        {
            ParameterModel p = method.Parameters[i];
            if (marshallers[i].BlockLength(p) is not null)
            {
                if (argument >= 0 || Start(p) is null)
                {
                    return false;
                }

                argument = i;
            }
            else if (p.Passing != Passing.Value || WritesStatements(marshallers[i], p))
            {
                return false;
            }
        }

        Marshaller result = MarshallerResolver.For(method.ReturnType);
        ParameterModel? readBack = argument >= 0 && ReadsBack(method.Parameters[argument]) ? method.Parameters[argument] : null;
        string? end = End(method, result, readBack);
        if (end is null || (argument < 0 && !method.Lowered.ReturnArea && !method.Lowered.ResultPointer))
        {
            return false;
        }

        string head = method.Lowered.ReturnArea ? Call + ".ReturnArea"
            : method.Lowered.ResultPointer ? method.ReturnType.Memory!.Size.ToString(CultureInfo.InvariantCulture)
            : "0";
        string names = $"{CSharpText.Literal(module.InterfaceName)}, {CSharpText.Literal(method.Name)}, {CSharpText.Literal(method.ExportName)}, "
            + CSharpText.Literal($"{module.InterfaceName}.{method.Name} (export '{method.ExportName}')");
        string call = method.Local("call");
        string start = argument < 0 ? "Result(" : Start(method.Parameters[argument])!;
        string value = argument < 0 ? string.Empty : Value(method.Parameters[argument]) + ", ";
        w.Line($"{Call} {call} = {Call}.{start}this._memory, this.{StoreGateText.Field}, {value}{head}, {names});");

        var arguments = new List<string>();
        for (int i = 0; i < marshallers.Length; i++)
        {
            arguments.Add(i != argument ? marshallers[i].Arguments(method.Parameters[i])
                : marshallers[i] is BufferMarshaller ? $"{call}.Address, {call}.Count" : $"{call}.Address");
        }

        if (method.Lowered.ResultPointer)
        {
            arguments.Insert(0, call + ".Head");
        }

        if (method.Lowered.ReturnArea)
        {
            arguments.Add(call + ".Head");
        }

        string invoke = $"this.{ExportDelegates.DelegateField(method)}({string.Join(", ", arguments)})";
        bool direct = method.Lowered.ResultClrType is not null;
        string returned = method.Local("returned");
        if (direct)
        {
            w.Line($"{method.ReturnType.FullName} {returned};");
        }

        w.Open("try");
        w.Line(direct ? $"{returned} = {result.InlineExportResult(method, invoke)};" : invoke + ";");
        w.Close();
        w.Open($"catch (global::System.Exception {method.Local("failure")})");
        w.Line($"throw {call}.Failed({method.Local("failure")});");
        w.Close();
        w.Line((method.ReturnType.Shape == TypeShape.Void ? string.Empty : "return ") + $"{call}.{end};");
        return true;
    }

    /// <summary>The factory (with its type argument and opening parenthesis) that starts a call with this argument, or null.</summary>
    private static string? Start(ParameterModel p)
    {
        TypeModel type = p.Type;
        string element = type.Element == ScalarKind.Byte || type.Memory is null ? "byte" : type.Memory.TypeName;
        return type.Shape switch
        {
            _ when p.Passing != Passing.Value => type.Memory is null ? null : $"Value<{type.Memory.TypeName}>(",
            TypeShape.Struct when type.Memory is { Singleton: ScalarKind.None } => $"Value<{type.Memory.TypeName}>(",
            TypeShape.Utf8String when !type.IsNullable => "Utf8(",
            TypeShape.Array when !type.IsNullable => $"ElementArray<{element}>(",
            TypeShape.Span or TypeShape.ReadOnlySpan => $"Buffer<{element}>(",
            _ => null,
        };
    }

    /// <summary>The argument's part of the factory's arguments.</summary>
    private static string Value(ParameterModel p) => p.Type.Shape switch
    {
        _ when p.Passing == Passing.Out => "default, false",
        _ when p.Passing != Passing.Value => p.Name + ", true",
        TypeShape.Struct => p.Name + ", true",
        TypeShape.Span or TypeShape.ReadOnlySpan => $"{p.Name}, {(p.Type.OutOnly ? "false" : "true")}",
        _ => $"{p.Name}, {CSharpText.Literal(p.PlainName)}",
    };

    private static bool ReadsBack(ParameterModel p) => p.Passing is Passing.Ref or Passing.Out || p.Type.Shape == TypeShape.Span;

    /// <summary>The result method that ends the call, or null when the result is not one the runtime reads whole.</summary>
    private static string? End(MethodModel method, Marshaller result, ParameterModel? readBack)
    {
        TypeModel type = method.ReturnType;
        string returned = method.Local("returned");
        string? back = readBack is null ? null : readBack.Passing is Passing.Ref or Passing.Out ? "ReadBack" : "CopyBack";
        string? backValue = readBack is null ? null : readBack.Passing is Passing.Ref or Passing.Out ? "out " + readBack.Name : readBack.Name;
        if (type.Shape == TypeShape.Void)
        {
            return back is null ? "Done()" : $"{back}({backValue})";
        }

        if (method.Lowered.ResultClrType is not null)
        {
            // A result the export returns directly, converted as the call's expression (a scalar).
            if (result.HoldsOwnedResult || result.InlineExportResult(method, "x") is null)
            {
                return null;
            }

            return back is null ? $"Done({returned})" : $"{back}({returned}, {backValue})";
        }

        if (back is not null)
        {
            return null;
        }

        if (method.Lowered.ResultPointer)
        {
            return type.Memory is { Singleton: ScalarKind.None } ? $"ValueResult<{type.Memory.TypeName}>()" : null;
        }

        return type.IsNullable ? null : type.Shape switch
        {
            TypeShape.Utf8String => "Utf8Result()",
            TypeShape.Array when type.Element == ScalarKind.Byte || type.Memory is null => "BytesResult()",
            TypeShape.Array => $"ArrayResult<{type.Memory.TypeName}>()",
            _ => null,
        };
    }

    /// <summary>Whether a parameter's marshaller writes statements of its own (setup, write or copy-back).</summary>
    private static bool WritesStatements(Marshaller marshaller, ParameterModel p)
    {
        var scratch = new IndentedWriter();
        marshaller.EmitSetup(scratch, p);
        marshaller.EmitWrite(scratch, p);
        marshaller.EmitCopyBack(scratch, p);
        return scratch.ToString().Length > 0;
    }
}
