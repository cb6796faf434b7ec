using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Bindgen.Generator.Abi.Canonical;
using Bindgen.Generator.Emit;

namespace Bindgen.Generator.Abi.Component;

/// <summary>
/// C# expressions that turn a generated WIT type's value into a <c>Wasmtime.Components.ComponentValue</c> and back,
/// for the WASI fallback, which calls the component through Wasmtime.Components. Every expression it is given is a
/// name or a member access, so using one more than once evaluates nothing twice that could differ.
/// </summary>
internal sealed class ComponentValueCode
{
    private const string CV = "global::Wasmtime.Components.ComponentValue";
    private const string Linq = "global::System.Linq.Enumerable";
    private readonly Dictionary<string, string[]> _labels;
    private int _names;

    public ComponentValueCode(Dictionary<string, string[]> labels) => _labels = labels;

    /// <summary>The ComponentValue of <paramref name="value"/>, of type <paramref name="type"/>.</summary>
    public string ToValue(WitType type, string value)
    {
        if (IsScalar(type.Kind))
        {
            return $"{CV}.{Factory(type.Kind)}({value})";
        }

        switch (type.Kind)
        {
            case WitKind.List:
                string x = Name();
                return $"{CV}.List(global::System.Array.ConvertAll({value}, {x} => {ToValue(type.Elements[0], x)}))";
            case WitKind.Option:
                string some = Name();
                return $"({value} is {{ }} {some} ? {CV}.Some({ToValue(type.Elements[0], some)}) : {CV}.None())";
            case WitKind.Result:
                return $"({value}.IsOk ? {CV}.Ok({Payload(type.Elements[0], value + ".Value")}) : {CV}.Err({Payload(type.Elements[1], value + ".Error")}))";
            case WitKind.Tuple:
                return $"{CV}.Tuple(new {CV}[] {{ {string.Join(", ", type.Elements.Select((e, i) => ToValue(e, $"{value}.Item{Number(i + 1)}")))} }})";
            case WitKind.Record:
                string[] fields = _labels[type.ClrType];
                return $"{CV}.Record(new global::System.Collections.Generic.KeyValuePair<string, {CV}>[] {{ "
                    + string.Join(", ", type.Members.Select((m, i) => $"new({CSharpText.Literal(fields[i])}, {ToValue(m.Type!, value + "." + m.Name)})")) + " })";
            case WitKind.Enum:
                string[] cases = _labels[type.ClrType];
                return $"{CV}.Enum({value} switch {{ " + string.Join(", ", type.Members.Select((m, i) => $"{type.ClrType}.{m.Name} => {CSharpText.Literal(cases[i])}"))
                    + $", _ => throw new global::System.ArgumentOutOfRangeException(null, {value}, {CSharpText.Literal("not a case of " + type.Wit)}) }})";
            case WitKind.Flags:
                string[] flags = _labels[type.ClrType];
                string pair = Name();
                return $"{CV}.Flags({Linq}.ToArray({Linq}.Select({Linq}.Where(new (bool, string)[] {{ "
                    + string.Join(", ", type.Members.Select((m, i) => $"(({value} & {type.ClrType}.{m.Name}) != 0, {CSharpText.Literal(flags[i])})"))
                    + $" }}, {pair} => {pair}.Item1), {pair} => {pair}.Item2)))";
            case WitKind.Variant:
                string[] labels = _labels[type.ClrType];
                string c = Name();
                return $"({value} switch {{ " + string.Join(", ", type.Members.Select((m, i) => m.Type is null
                        ? $"{m.Name} => {CV}.Variant({CSharpText.Literal(labels[i])}, null)"
                        : $"{m.Name} {c}{Number(i)} => {CV}.Variant({CSharpText.Literal(labels[i])}, {ToValue(m.Type, $"{c}{Number(i)}.{m.PayloadMember}")})"))
                    + $", _ => throw new global::System.ArgumentNullException(null, {CSharpText.Literal("a " + type.Wit + " value is null")}) }})";
            default:
                return "null";
        }
    }

    /// <summary>The value of type <paramref name="type"/> that <paramref name="value"/> (a ComponentValue) holds.</summary>
    public string FromValue(WitType type, string value)
    {
        if (IsScalar(type.Kind))
        {
            return type.Kind == WitKind.Char ? $"{value}.AsRune()" : $"{value}.As{Factory(type.Kind)}()";
        }

        switch (type.Kind)
        {
            case WitKind.List:
                string x = Name();
                return $"{Linq}.ToArray({Linq}.Select({value}.AsList(), {x} => {FromValue(type.Elements[0], x)}))";
            case WitKind.Option:
                return $"({value}.IsSome ? ({type.ClrType}){FromValue(type.Elements[0], value + ".Payload!")} : default({type.ClrType}))";
            case WitKind.Result:
                return $"({value}.IsOk ? {type.ClrType}.Ok({Unpack(type.Elements[0], value)}) : {type.ClrType}.Err({Unpack(type.Elements[1], value)}))";
            case WitKind.Tuple:
                return "(" + string.Join(", ", type.Elements.Select((e, i) => FromValue(e, $"{value}.AsTuple()[{Number(i)}]"))) + ")";
            case WitKind.Record:
                string[] fields = _labels[type.ClrType];
                return $"new {type.ClrType}(" + string.Join(", ", type.Members.Select((m, i) => FromValue(m.Type!, $"{value}.Field({CSharpText.Literal(fields[i])})"))) + ")";
            case WitKind.Enum:
                string[] cases = _labels[type.ClrType];
                return $"({value}.AsEnum() switch {{ " + string.Join(", ", type.Members.Select((m, i) => $"{CSharpText.Literal(cases[i])} => {type.ClrType}.{m.Name}"))
                    + $", _ => throw new global::System.InvalidOperationException({CSharpText.Literal("the component returned a case " + type.Wit + " does not have")}) }})";
            case WitKind.Flags:
                string[] flags = _labels[type.ClrType];
                return $"({type.ClrType})(0u" + string.Concat(type.Members.Select((m, i) => $" | ({Linq}.Contains({value}.AsFlags(), {CSharpText.Literal(flags[i])}) ? (uint){type.ClrType}.{m.Name} : 0u)")) + ")";
            case WitKind.Variant:
                string[] labels = _labels[type.ClrType];
                return $"({value}.AsVariant() switch {{ " + string.Join(", ", type.Members.Select((m, i) => $"{CSharpText.Literal(labels[i])} => ({type.ClrType})new {m.Name}({(m.Type is null ? string.Empty : FromValue(m.Type, value + ".Payload!"))})"))
                    + $", _ => throw new global::System.InvalidOperationException({CSharpText.Literal("the component returned a case " + type.Wit + " does not have")}) }})";
            default:
                return "default!";
        }
    }

    /// <summary>Numbers, bool, char and string: one ComponentValue factory and accessor each.</summary>
    private static bool IsScalar(WitKind kind) => kind <= WitKind.String;

    private string Payload(WitType type, string value) => type.Kind == WitKind.Unit ? "null" : ToValue(type, value);

    private string Unpack(WitType type, string value) => type.Kind == WitKind.Unit ? "default(global::Bindgen.Unit)" : FromValue(type, value + ".Payload!");

    private string Name() => "__v" + Number(_names++);

    private static string Factory(WitKind kind) => kind switch
    {
        WitKind.Bool => "Bool",
        WitKind.String => "String",
        WitKind.Char => "Char",
        _ => kind.ToString(),
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
