using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// One export method of a wasm-bindgen binding, in four stages: (1) reserve the return area and allocate every
/// argument (each may grow and move memory), (2) copy the arguments through views taken after the last
/// allocation, (3) call, (4) read the result, throw a returned error, copy the result out and free it.
/// </summary>
internal static class WasmBindgenMethodEmitter
{
    /// <param name="w">The writer.</param>
    /// <param name="module">The binding.</param>
    /// <param name="method">The method, of the binding interface or of a class interface.</param>
    /// <param name="owner">
    /// Where the binding's fields are: <c>this</c> in the binding class, <c>this._binding</c> in a class's instance
    /// (which also passes itself, lent for the call, when the glue passes <c>this.__wbg_ptr</c>).
    /// </param>
    /// <param name="declaration">The member's declaration, or null for a method's own.</param>
    public static void Emit(IndentedWriter w, ModuleModel module, MethodModel method, string owner = "this", string? declaration = null)
    {
        if (WasmBindgenCompactEmitter.TryEmit(w, module, method, owner, declaration))
        {
            return;
        }

        WasmBindgenSignature s = method.WasmBindgen();
        GlueExport export = s.Export!;
        string L(string name) => method.Local(name);
        string parameters = string.Join(", ", method.Parameters.Select(p => p.Type.FullName + " " + p.Name));
        if (declaration is null)
        {
            w.Line("/// <inheritdoc/>");
            w.Line("[global::Bindgen.MayGrowMemory]");
        }

        w.Open(declaration ?? (method.ImplementExplicitly
            ? $"{method.ReturnType.FullName} {method.DeclaringInterface}.{method.Identifier}({parameters})"
            : $"public {method.ReturnType.FullName} {method.Identifier}({parameters})"));
        StoreGateText.Enter(w, module, method, owner);
        // A class member's operation names its class interface (IPhotonImage.GetWidth), a binding method the binding's.
        string declaringName = owner == "this" ? module.InterfaceName : method.DeclaringInterface.Substring(method.DeclaringInterface.LastIndexOf('.') + 1);
        w.Line($"const string {L("op")} = {CSharpText.Literal($"{declaringName}.{method.Name} (glue function '{export.JsName}')")};");
        bool classes = module.WasmBindgen().Classes.Count > 0;
        if (classes)
        {
            w.Line($"{owner}.ReleaseFinalized();");
        }

        w.Line($"global::Bindgen.Internals.WasmBindgenGuest {L("g")} = {owner}._guest;");
        if (export.TakesSelf)
        {
            w.Line($"int {L("self")} = this.Pointer({L("op")});");
        }

        for (int i = 0; i < method.Parameters.Count; i++)
        {
            if (s.Export!.Parameters[i].Kind == GlueParameterKind.OptionalBytes)
            {
                continue; // null is None
            }

            if (s.Parameters[i] == WasmBindgenType.String || ((s.Parameters[i] == WasmBindgenType.Bytes || s.Parameters[i].IsTypedArray()) && method.Parameters[i].Type.FullName.EndsWith("[]", System.StringComparison.Ordinal)))
            {
                string name = method.Parameters[i].Name;
                w.Line($"if ({name} is null) throw new global::System.ArgumentNullException({CSharpText.Literal(method.Parameters[i].PlainName)});");
            }
        }

        // Every instance argument is checked (of this binding, not disposed, not moved) before anything is allocated.
        for (int i = 0; i < export.Parameters.Count && i < method.Parameters.Count; i++)
        {
            if (export.Parameters[i].Kind is GlueParameterKind.OwnedInstance or GlueParameterKind.BorrowedInstance)
            {
                w.Line($"int {L("obj" + i)} = {module.ClassName}.{export.Parameters[i].Element}.Of({method.Parameters[i].Name}, {owner}, {L("op")}, {CSharpText.Literal(method.Parameters[i].PlainName)}).Pointer({L("op")});");
            }
            else if (export.Parameters[i].Kind is GlueParameterKind.OptionalOwnedInstance or GlueParameterKind.OptionalBorrowedInstance)
            {
                // null is None (0), as the glue's isLikeNone(x) makes it.
                w.Line($"int {L("obj" + i)} = {method.Parameters[i].Name} is null ? 0 : {module.ClassName}.{export.Parameters[i].Element}.Of({method.Parameters[i].Name}, {owner}, {L("op")}, {CSharpText.Literal(method.Parameters[i].PlainName)}).Pointer({L("op")});");
            }
            else if (export.Parameters[i].Kind == GlueParameterKind.ValueArray)
            {
                w.Line($"if ({method.Parameters[i].Name} is null) throw new global::System.ArgumentNullException({CSharpText.Literal(method.Parameters[i].PlainName)});");
            }
        }

        bool area = export.Transport == GlueTransport.ReturnArea && export.FixedArea < 0;
        var args = new List<string>();
        if (export.FixedArea >= 0)
        {
            w.Line("// (1) Allocate every argument; each call may grow and move memory. The return area is the module's fixed one.");
            w.Line($"int {L("area")} = {export.FixedArea};");
            args.Add(L("area"));
        }
        else if (area)
        {
            w.Line($"// (1) Allocate: the return area, then every argument; each call may grow and move memory.");
            w.Line($"int {L("area")} = {L("g")}.StackReserve({export.AreaSize}, {L("op")});");
            args.Add(L("area"));
            w.Open("try");
        }
        else
        {
            w.Line("// (1) Allocate every argument; each call may grow and move memory.");
        }

        if (export.TakesSelf)
        {
            args.Add(L("self"));
        }

        var copies = new List<string>();
        var lends = new List<string>();
        var moves = new List<string>();
        for (int i = 0; i < export.Parameters.Count; i++)
        {
            GlueParameter g = export.Parameters[i];
            bool declared = i < method.Parameters.Count;
            string p = declared ? method.Parameters[i].Name : string.Empty;
            WasmBindgenType? code = declared ? s.Parameters[i] : null;
            string ptr = L("ptr" + i), len = L("len" + i);

            // A pointer-and-length argument: its length and allocation now, its copy after the last allocation.
            void Buffer(string length, string allocation, string copy)
            {
                w.Line($"int {len} = {length};");
                w.Line($"int {ptr} = {allocation};");
                copies.Add(copy);
                args.Add(ptr);
                args.Add(len);
            }

            switch (g.Kind)
            {
                case GlueParameterKind.String or GlueParameterKind.OptionalString or GlueParameterKind.OptionalBytes when !declared:
                    args.Add("0");
                    args.Add("0");
                    break;
                case GlueParameterKind.String or GlueParameterKind.OptionalString when code == WasmBindgenType.NullableString:
                    Buffer($"{p} is null ? 0 : global::Bindgen.Internals.WasmBindgenGuest.Utf8Length({p})", $"{p} is null ? 0 : {L("g")}.Malloc({len}, 1, {L("op")})", $"if ({p} is not null) {L("g")}.WriteUtf8({ptr}, {len}, {p});");
                    break;
                case GlueParameterKind.String or GlueParameterKind.OptionalString:
                    Buffer($"global::Bindgen.Internals.WasmBindgenGuest.Utf8Length({p})", $"{L("g")}.Malloc({len}, 1, {L("op")})", $"{L("g")}.WriteUtf8({ptr}, {len}, {p});");
                    break;
                case GlueParameterKind.OptionalBytes when method.Parameters[i].Type.FullName.EndsWith("[]", System.StringComparison.Ordinal) || method.Parameters[i].Type.FullName.EndsWith("[]?", System.StringComparison.Ordinal):
                    Buffer($"{p} is null ? 0 : {p}.Length", $"{p} is null ? 0 : {L("g")}.Malloc({len}, 1, {L("op")})", $"if ({p} is not null) {L("g")}.WriteBytes({ptr}, {p});");
                    break;
                case GlueParameterKind.Bytes or GlueParameterKind.OptionalBytes:
                    Buffer($"{p}.Length", $"{L("g")}.Malloc({len}, 1, {L("op")})", $"{L("g")}.WriteBytes({ptr}, {p});");
                    break;
                case GlueParameterKind.Array:
                    (string element, int size) = code!.Value.Element();
                    Buffer($"{p}.Length", $"{L("g")}.Malloc(checked({len} * {size}), {size}, {L("op")})", $"{L("g")}.WriteArray<{element}>({ptr}, {p});");
                    break;
                case GlueParameterKind.Number when declared && DirectValue.Is(module.WasmBindgen().Bound!, g, code!.Value):
                    // An externref: the value itself, which the module keeps (owned) or lends back (borrowed) on its side.
                    args.Add(DirectValue.ToJs(code.Value, p, s.ParameterShapes.Count > i ? s.ParameterShapes[i] : null));
                    break;
                case GlueParameterKind.Object or GlueParameterKind.BorrowedObject:
                    string value = DirectValue.ToJs(code!.Value, p, s.ParameterShapes.Count > i ? s.ParameterShapes[i] : null);
                    if (g.Kind == GlueParameterKind.BorrowedObject)
                    {
                        // Lent right before the call (after every allocation), so nothing can fail between lending and the finally that gives it back.
                        lends.Add($"int {L("js" + i)} = {L("g")}.PushBorrowed({value}, {L("op")});");
                    }
                    else
                    {
                        w.Line($"int {L("js" + i)} = {L("g")}.AddValue({value}, {L("op")});");
                    }

                    args.Add(L("js" + i));
                    break;
                case GlueParameterKind.OwnedInstance:
                    // Moved right before the call, after every allocation: the module owns the instance from then on.
                    moves.Add($"{module.ClassName}.{g.Element}.Of({p}, {owner}, {L("op")}, {CSharpText.Literal(method.Parameters[i].PlainName)}).Move({L("op")});");
                    args.Add(L("obj" + i));
                    break;
                case GlueParameterKind.BorrowedInstance or GlueParameterKind.OptionalBorrowedInstance when declared:
                    args.Add(L("obj" + i));
                    break;
                case GlueParameterKind.OptionalOwnedInstance when declared:
                    moves.Add($"if ({p} is not null) {module.ClassName}.{g.Element}.Of({p}, {owner}, {L("op")}, {CSharpText.Literal(method.Parameters[i].PlainName)}).Move({L("op")});");
                    args.Add(L("obj" + i));
                    break;
                case GlueParameterKind.ValueArray or GlueParameterKind.OptionalValueArray when declared:
                    // Each value becomes the module's (a heap handle or table slot) first, then the array of them is allocated and written.
                    w.Line($"int[]? {L("h" + i)} = {L("g")}.AddValues({JsShapeEmitter.ToJs(s.ParameterShapes[i]!, p)}, {L("op")});");
                    Buffer($"{L("h" + i)}?.Length ?? 0", $"{L("h" + i)} is null ? 0 : {L("g")}.Malloc(checked({len} * 4), 4, {L("op")})", $"if ({L("h" + i)} is not null) {L("g")}.WriteArray<int>({ptr}, {L("h" + i)});");
                    break;
                case GlueParameterKind.OptionalOwnedInstance or GlueParameterKind.OptionalBorrowedInstance:
                    args.Add("0");
                    break;
                case GlueParameterKind.OptionalValueArray:
                    args.Add("0");
                    args.Add("0");
                    break;
                case GlueParameterKind.OptionalBool:
                    args.Add(!declared ? "0xFFFFFF" : code == WasmBindgenType.NullableBool ? $"{p} is null ? 0xFFFFFF : {p}.Value ? 1 : 0" : $"{p} ? 1 : 0");
                    break;
                case GlueParameterKind.OptionalObject when declared:
                    // isLikeNone(x) ? 0 : addHeapObject(x): null and undefined pass none.
                    string optional = code == WasmBindgenType.Structured ? JsShapeEmitter.ToJs(s.ParameterShapes[i]!, p) : $"global::Bindgen.WasmBindgen.JsConvert.ToJs({p})";
                    w.Line($"object? {L("jsv" + i)} = {optional};");
                    w.Line($"int {L("js" + i)} = {L("jsv" + i)} is null || {L("jsv" + i)} is global::Bindgen.WasmBindgen.JsUndefined ? 0 : {L("g")}.AddValue({L("jsv" + i)}, {L("op")});");
                    args.Add(L("js" + i));
                    break;
                case GlueParameterKind.OptionalObject:
                    args.Add("0");
                    break;
                case GlueParameterKind.OptionalNumber:
                    // A flag (1: some) and the value, as the glue's !isLikeNone(x), isLikeNone(x) ? 0 : x make them; omitted: none, as an f64.
                    WasmBindgenType number = code ?? WasmBindgenType.NullableF64;
                    string zero = number.CrossesAs() switch { WasmType.I64 => "0L", WasmType.F32 => "0f", WasmType.F64 => "0d", _ => "0" };
                    string raw = number.IsNullableNumber() ? p + ".GetValueOrDefault()" : p;
                    string present = number is WasmBindgenType.NullableU32 or WasmBindgenType.U32 ? $"unchecked((int){raw})"
                        : number is WasmBindgenType.NullableU64 or WasmBindgenType.U64 ? $"unchecked((long){raw})"
                        : raw;
                    args.Add(!declared ? "0" : number.IsNullableNumber() ? $"{p}.HasValue ? 1 : 0" : "1");
                    args.Add(!declared ? zero : present);
                    break;
                case GlueParameterKind.OptionalInt when g.Element == "24":
                    // An i32: None is 0xFFFFFF, out of any 8- or 16-bit value's range (isLikeNone(x) ? 0xFFFFFF : x).
                    args.Add(!declared ? "0xFFFFFF" : code is WasmBindgenType.NullableI32 or WasmBindgenType.NullableU32 ? $"{p} is null ? 0xFFFFFF : unchecked((int){p}.Value)" : $"unchecked((int){p})");
                    break;
                case GlueParameterKind.OptionalInt:
                    // An f64: None is 2^32 + 1, out of any 32-bit value's range; a value is itself, as the glue's (x) >>> 0 or (x) >> 0 makes it.
                    string some = g.Element == "u32" ? "(double)(uint)" : "(double)(int)";
                    args.Add(!declared ? "4294967297d" : code is WasmBindgenType.NullableI32 or WasmBindgenType.NullableU32 ? $"{p} is null ? 4294967297d : {some}{p}.Value" : $"{some}{p}");
                    break;
                default:
                    args.Add(WasmBindgenCompactEmitter.NumberArgument(code, p, method.Parameters[i].Type.FullName));
                    break;
            }
        }

        if (copies.Count > 0)
        {
            w.Line("// (2) Copy, through views taken now: no call into the guest until the last copy.");
            foreach (string copy in copies)
            {
                w.Line(copy);
            }
        }

        w.Line("// (3) Call.");
        foreach (string move in moves)
        {
            w.Line(move);
        }

        foreach (string lend in lends)
        {
            w.Line(lend);
        }

        bool hasResult = method.Lowered.Results.Count > 0;
        string call = $"{owner}.{method.FieldName}({string.Join(", ", args)})";
        if (hasResult)
        {
            w.Line($"{method.Lowered.ResultClrType} {L("ret")};");
        }

        w.Open("try");
        w.Line(hasResult ? $"{L("ret")} = {call};" : call + ";");
        w.Close();
        w.Open($"catch (global::Wasmtime.WasmtimeException {L("e")})");
        w.Line($"throw global::Bindgen.Internals.GuestFailures.FromWasmtime({L("op")}, {L("e")});");
        w.Close();
        if (lends.Count > 0)
        {
            w.Open("finally");
            w.Line("// Lent values are given back when the call returns, as the glue's finally does.");
            foreach (string _ in lends)
            {
                w.Line($"{L("g")}.PopBorrowed();");
            }

            w.Close();
        }
        EmitLift(w, module, method, export, L, owner);
        if (area)
        {
            w.Close();
            w.Open("finally");
            w.Line($"{L("g")}.StackRelease({export.AreaSize}, {L("op")});");
            w.Close();
        }

        StoreGateText.Exit(w, method);
        w.Close();
    }

    private static void EmitLift(IndentedWriter w, ModuleModel module, MethodModel method, GlueExport export, System.Func<string, string> L, string owner)
    {
        w.Line("// (4) Lift: read the result words, throw a returned error, copy the result out and free it.");
        // A return area is read in blocks of four words (words: R0..R3, words1: R4..R7 of a 32-byte area...).
        string Words(int block) => L(block == 0 ? "words" : "words" + block);
        string Slot(int index) => export.Transport switch
        {
            GlueTransport.ReturnArea => $"{Words(index / 4)}.R{index % 4}",
            _ => $"{L("ret")}.Item{index + 1}",
        };
        if (export.Transport == GlueTransport.ReturnArea && new[] { export.ResultSlot, export.ErrorFlagSlot }.Any(i => i >= 0))
        {
            foreach (int block in new[] { export.ResultSlot, export.LengthSlot, export.ErrorSlot, export.ErrorFlagSlot }.Where(i => i >= 0).Select(i => i / 4).Distinct().OrderBy(b => b))
            {
                string at = block == 0 ? L("area") : $"{L("area")} + {16 * block}";
                w.Line($"global::Bindgen.Internals.ReturnWords {Words(block)} = {L("g")}.ReadReturnArea({at}, {L("op")});");
            }
        }

        if (export.ErrorFlagSlot >= 0)
        {
            w.Line($"if ({Slot(export.ErrorFlagSlot)} != 0) throw {L("g")}.Error({Slot(export.ErrorSlot)}, {L("op")});");
        }

        WasmBindgenType result = method.WasmBindgen().Result;
        switch (export.Result)
        {
            case GlueResultKind.String:
                w.Line($"return {L("g")}.TakeString({Slot(export.ResultSlot)}, {Slot(export.LengthSlot)}, {L("op")});");
                break;
            case GlueResultKind.OptionalString:
                w.Line($"return {Slot(export.ResultSlot)} == 0 ? null : {L("g")}.TakeString({Slot(export.ResultSlot)}, {Slot(export.LengthSlot)}, {L("op")});");
                break;
            case GlueResultKind.Bytes:
                w.Line($"return {L("g")}.TakeArray<byte>({Slot(export.ResultSlot)}, {Slot(export.LengthSlot)}, 1, {L("op")});");
                break;
            case GlueResultKind.OptionalBytes:
                w.Line($"return {Slot(export.ResultSlot)} == 0 ? null : {L("g")}.TakeArray<byte>({Slot(export.ResultSlot)}, {Slot(export.LengthSlot)}, 1, {L("op")});");
                break;
            case GlueResultKind.Char:
                // String.fromCodePoint: one scalar value, two UTF-16 units outside the BMP; a Rust char is never a surrogate or past U+10FFFF.
                string codePoint = export.Transport == GlueTransport.Direct ? L("ret") : Slot(export.ResultSlot);
                w.Line($"return global::System.Text.Rune.TryCreate({codePoint}, out global::System.Text.Rune {L("rune")}) ? {L("rune")}.ToString()"
                    + $" : throw new global::Bindgen.GuestProtocolException({L("op")}, \"the module returned \" + {codePoint}.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \", which is not a Unicode scalar value (a char)\");");
                break;
            case GlueResultKind.Array:
                (string element, int size) = result.Element();
                w.Line($"return {L("g")}.TakeArray<{element}>({Slot(export.ResultSlot)}, {Slot(export.LengthSlot)}, {size}, {L("op")});");
                break;
            case GlueResultKind.StringArray when result != WasmBindgenType.StringArray:
                // Any JavaScript values (serde's objects): the array as a JavaScript array, converted as the declared type.
                string values = $"{L("g")}.TakeValueArray({Slot(export.ResultSlot)}, {Slot(export.LengthSlot)}, {L("op")})";
                w.Line(result == WasmBindgenType.Structured ? $"return {JsShapeEmitter.FromJs(method.WasmBindgen().ResultShape!, values, L("op"))};" : $"return {values};");
                break;
            case GlueResultKind.StringArray:
                w.Line($"return {L("g")}.TakeStringArray({Slot(export.ResultSlot)}, {Slot(export.LengthSlot)}, {L("op")});");
                break;
            case GlueResultKind.Object:
                string taken = $"{L("g")}.TakeValue({(export.Transport == GlueTransport.Direct ? L("ret") : Slot(export.ResultSlot))}, {L("op")})";
                // A declared object (not object?) is never null: JavaScript's null is then a typed error (undefined is JsUndefined).
                bool nullable = method.ReturnType.FullName.EndsWith("?", System.StringComparison.Ordinal);
                string type = result switch { WasmBindgenType.Bytes => "byte[]", WasmBindgenType.String => "string", WasmBindgenType.F64 => "double", WasmBindgenType.Bool => "bool", WasmBindgenType.Structured => string.Empty, _ when !nullable => "object", _ => string.Empty };
                if (method.WasmBindgen().AsyncResult is { } awaited)
                {
                    w.Line($"return {L("g")}.Settle<{awaited}>({taken}, {L("op")});");
                    break;
                }

                w.Line(result == WasmBindgenType.Structured ? $"return {JsShapeEmitter.FromJs(method.WasmBindgen().ResultShape!, taken, L("op"))};"
                    : type.Length == 0 ? $"return {taken};" : $"return global::Bindgen.Internals.WasmBindgenGuest.Expect<{type}>({taken}, {L("op")});");
                break;
            case GlueResultKind.Instance:
                w.Line($"return new {module.ClassName}.{export.ResultElement}({owner}, {(export.Transport == GlueTransport.Direct ? L("ret") : Slot(export.ResultSlot))});");
                break;
            case GlueResultKind.OptionalInstance:
                string pointer = export.Transport == GlueTransport.Direct ? L("ret") : Slot(export.ResultSlot);
                w.Line($"return {pointer} == 0 ? null : new {module.ClassName}.{export.ResultElement}({owner}, {pointer});");
                break;
            case GlueResultKind.OptionalNumber:
                string some = GlueOptionalResult.Underlying(result);
                string none = export.ResultElement switch
                {
                    "sentinel32" => $"{L("ret")} == 4294967297d",
                    GlueOptionalResult.Sentinel32 => $"{GlueOptionalResult.AreaValue(export.ResultElement, export.ResultSlot % 4, Words(export.ResultSlot / 4))} == 4294967297d",
                    "flag" => $"{Slot(export.LengthSlot)} == 0",
                    _ when export.Transport == GlueTransport.ReturnArea => $"{Slot(export.LengthSlot)} == 0",
                    _ => $"{L("ret")} == 0xFFFFFF",
                };
                string raw = export.ResultElement == "flag" ? Slot(export.ResultSlot)
                    : export.Transport == GlueTransport.ReturnArea ? GlueOptionalResult.AreaValue(export.ResultElement!, export.ResultSlot % 4, Words(export.ResultSlot / 4)) : L("ret");
                w.Line($"return {none} ? null : {(some == "bool" ? $"{raw} != 0" : $"unchecked(({some}){raw})")};");
                break;
            case GlueResultKind.Bool or GlueResultKind.Unsigned or GlueResultKind.Number when export.Transport == GlueTransport.ReturnArea:
                // A number the wrapper reads from the return area (Result<u32, E>, Result<f64, E>...): its words, as the glue reads them.
                string read = GlueOptionalResult.AreaValue(export.ResultElement!, export.ResultSlot % 4, Words(export.ResultSlot / 4));
                w.Line(export.Result == GlueResultKind.Bool ? $"return {read} != 0;" : $"return unchecked(({method.ReturnType.FullName}){read});");
                break;
            case GlueResultKind.Bool or GlueResultKind.Unsigned or GlueResultKind.Number when export.Transport == GlueTransport.MultiValue:
                // Result<bool, E>, Result<u32, E>...: the value is one of the wasm results, beside the error's.
                w.Line(export.Result == GlueResultKind.Bool ? $"return {Slot(export.ResultSlot)} != 0;" : $"return {WasmBindgenCompactEmitter.NumberResult(result, method.ReturnType.FullName, Slot(export.ResultSlot))};");
                break;
            case GlueResultKind.Bool:
                w.Line($"return {L("ret")} != 0;");
                break;
            case GlueResultKind.Unsigned or GlueResultKind.Number:
                w.Line($"return {WasmBindgenCompactEmitter.NumberResult(result, method.ReturnType.FullName, L("ret"))};");
                break;
        }
    }
}
