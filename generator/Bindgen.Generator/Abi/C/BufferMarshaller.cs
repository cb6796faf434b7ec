using System.Collections.Generic;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.C;

/// <summary>
/// Strings, arrays and spans pass as (pointer, length) into the call's guest block, which the host allocates with
/// the guest's allocator and frees after the call; a <c>Span</c> is also copied back after the call. Results come
/// back as (pointer, length) through a return area, and the host frees them once copied. In imports, strings and
/// arrays are copies and spans are borrowed views of guest memory.
/// </summary>
internal sealed class BufferMarshaller : Marshaller
{
    private static readonly WasmType[] PointerAndLength = { WasmType.I32, WasmType.I32 };

    private readonly TypeShape _shape;

    /// <summary>The element of an array or span other than bytes (a primitive or a C struct); null for strings and byte buffers.</summary>
    private readonly MemoryLayout? _element;

    /// <summary>A nullable string or array: null is (0, 0); an empty value is a non-null pointer with length 0.</summary>
    private readonly bool _nullable;

    /// <summary>An <c>[Out] Span&lt;T&gt;</c>: the guest fills it, so its contents are not copied in.</summary>
    private readonly bool _outOnly;

    public BufferMarshaller(TypeShape shape, MemoryLayout? element, bool nullable = false, bool outOnly = false)
    {
        _shape = shape;
        _element = element;
        _nullable = nullable;
        _outOnly = outOnly;
    }

    public override bool ImportResultAllocates => true;

    /// <summary>Each element's alignment in guest memory: elements are naturally aligned.</summary>
    public override int BlockAlignment => _element?.Alignment ?? 1;

    public override IReadOnlyList<WasmType> ParameterTypes => PointerAndLength;

    public override bool ResultThroughReturnArea => true;

    public override bool NeedsMemory => true;

    public override bool Borrows => _shape is TypeShape.ReadOnlySpan or TypeShape.Span;

    public override void EmitSetup(IndentedWriter w, ParameterModel p)
    {
        if (_nullable)
        {
            EmitNullableSetup(w, p);
            return;
        }

        switch (_shape)
        {
            case TypeShape.Utf8String:
                w.Line($"if ({p.Name} is null) throw new global::System.ArgumentNullException({CSharpText.Literal(p.PlainName)});");
                w.Line($"int {Local(p, "length")} = global::Bindgen.GuestMemory.Utf8ByteCount({p.Name});");
                break;
            case TypeShape.Array when _element is null:
                w.Line($"if ({p.Name} is null) throw new global::System.ArgumentNullException({CSharpText.Literal(p.PlainName)});");
                w.Line($"int {Local(p, "length")} = {p.Name}.Length;");
                break;
            case TypeShape.Array:
            case TypeShape.Span or TypeShape.ReadOnlySpan when _element is not null:
                if (_shape == TypeShape.Array)
                {
                    w.Line($"if ({p.Name} is null) throw new global::System.ArgumentNullException({CSharpText.Literal(p.PlainName)});");
                }

                // The guest receives an element count; the block needs the bytes.
                w.Line($"int {Local(p, "count")} = {p.Name}.Length;");
                w.Line($"int {Local(p, "length")} = global::Bindgen.GuestMemory.ByteLength({Local(p, "count")}, {_element!.Size}, {p.LocalPrefix}operation);");
                break;
            default:
                w.Line($"int {Local(p, "length")} = {p.Name}.Length;");
                break;
        }
    }

    /// <summary>
    /// A nullable value: no null check, and a non-null empty value still takes one byte of the block, so it gets a
    /// non-null pointer the guest can tell from null.
    /// </summary>
    private void EmitNullableSetup(IndentedWriter w, ParameterModel p)
    {
        string length = _shape == TypeShape.Utf8String ? $"global::Bindgen.GuestMemory.Utf8ByteCount({p.Name})" : $"{p.Name}.Length";
        if (_element is null)
        {
            w.Line($"int {Local(p, "length")} = {p.Name} is null ? 0 : {length};");
        }
        else
        {
            w.Line($"int {Local(p, "count")} = {p.Name} is null ? 0 : {p.Name}.Length;");
            w.Line($"int {Local(p, "length")} = global::Bindgen.GuestMemory.ByteLength({Local(p, "count")}, {_element.Size}, {p.LocalPrefix}operation);");
        }

        w.Line($"int {Local(p, "room")} = {p.Name} is null ? 0 : global::System.Math.Max({Local(p, "length")}, 1);");
    }

    public override string? BlockLength(ParameterModel p) => Local(p, _nullable ? "room" : "length");

    public override void EmitPlace(IndentedWriter w, ParameterModel p, string offset) =>
        // An empty buffer is passed as (0, 0) and takes no room (docs/abi.md, the empty-buffer rule).
        w.Line($"int {Local(p, "address")} = {Local(p, _nullable ? "room" : "length")} == 0 ? 0 : {BlockAddress(p, offset)};");

    public override void EmitWrite(IndentedWriter w, ParameterModel p)
    {
        if (_outOnly)
        {
            return; // [Out]: a caller-allocated output buffer; the guest writes it, the host copies it back
        }

        w.Line(_shape == TypeShape.Utf8String
            ? $"this._memory.WriteUtf8({Local(p, "address")}, {Local(p, "length")}, {p.Name}, {p.LocalPrefix}operation);"
            : $"this._memory.Write{TypeArgument}({Local(p, "address")}, {p.Name}, {p.LocalPrefix}operation);");
    }

    public override string Arguments(ParameterModel p) => $"{Local(p, "address")}, {Local(p, _element is null ? "length" : "count")}";

    /// <summary>The explicit type argument of the runtime's generic copies (a T[] does not infer ReadOnlySpan&lt;T&gt;).</summary>
    private string TypeArgument => _element is null ? string.Empty : "<" + _element.TypeName + ">";

    public override void EmitCopyBack(IndentedWriter w, ParameterModel p)
    {
        if (_shape == TypeShape.Span)
        {
            w.Line($"this._memory.ReadInto{TypeArgument}({Local(p, "address")}, {p.Name}, {p.LocalPrefix}operation);");
        }
    }

    public override void EmitExportResult(IndentedWriter w, MethodModel method, string? target)
    {
        string owned = method.Local("owned");
        string operation = method.Local("operation");
        string block = method.Local("block");
        string read = _shape == TypeShape.Utf8String ? $"ReadUtf8({owned}, {operation})"
            : _element is null ? $"ReadBytes({owned}, {operation})"
            : $"ReadArray<{_element.TypeName}>({owned}.Address, {owned}.Length / {_element.Size}, {operation})";
        w.Line(_element is null
            ? $"{owned} = this._memory.ReadReturnArea({block}, {operation});"
            : $"{owned} = this._memory.ReadArrayReturnArea({block}, {_element.Size}, {operation});");
        w.Line(_nullable
            ? $"{target} = {owned}.Address == 0 ? null : this._memory.{read};"
            : $"{target} = this._memory.{read};");
    }

    public override IEnumerable<string> ImportParameterNames(ParameterModel p) => new[] { Local(p, "address"), Local(p, _element is null ? "length" : "count") };

    public override string EmitImportArgument(IndentedWriter w, MethodModel method, ParameterModel p)
    {
        string memory = method.Local("memory");
        string range = $"new global::Bindgen.GuestRange({Local(p, "address")}, {Local(p, "length")})";
        string nullCheck = _nullable ? $"{Local(p, "address")} == 0 ? null : " : string.Empty;
        string nullableMark = _nullable ? "?" : string.Empty;
        if (_element is not null)
        {
            string arguments = $"{Local(p, "address")}, {Local(p, "count")}, {method.Local("operation")}";
            if (_shape != TypeShape.Array)
            {
                return $"{memory}.GetView<{_element.TypeName}>({arguments})";
            }

            w.Line($"    {_element.TypeName}[]{nullableMark} {Local(p, "value")} = {nullCheck}{memory}.ReadArray<{_element.TypeName}>({arguments});");
            return Local(p, "value");
        }

        switch (_shape)
        {
            case TypeShape.Utf8String:
                w.Line($"    string{nullableMark} {Local(p, "value")} = {nullCheck}{memory}.ReadUtf8({range}, {method.Local("operation")});");
                return Local(p, "value");
            case TypeShape.Array:
                w.Line($"    byte[]{nullableMark} {Local(p, "value")} = {nullCheck}{memory}.ReadBytes({range}, {method.Local("operation")});");
                return Local(p, "value");
            default:
                // Borrowed: the view is taken as the argument, after every other step that touches the guest.
                return $"{memory}.GetView({Local(p, "address")}, {Local(p, "length")}, {method.Local("operation")})";
        }
    }

    public override void EmitImportResult(IndentedWriter w, MethodModel method, string result)
    {
        w.Line("    // Allocate in the guest first (it may grow memory), then write through fresh views.");
        string call = _shape == TypeShape.Utf8String ? "ReturnUtf8" : _element is null ? "ReturnBytes" : $"ReturnArray<{_element.TypeName}>";
        string returnCall = $"{method.Local("memory")}.{call}({method.Local("return_area")}, {result}, {method.Local("operation")});";
        w.Line(_nullable
            ? $"    if ({result} is null) {method.Local("memory")}.WriteReturnArea({method.Local("return_area")}, default, {method.Local("operation")}); else {returnCall}"
            : "    " + returnCall);
    }
}
