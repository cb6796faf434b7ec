using System.Linq;
using Bindgen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>A hand-written C# enum against the glue's string enum it stands for (a member in the wrong place would pass the wrong string).</summary>
internal static class StringEnumCheck
{
    /// <summary>A C# enum's member names in value order (parse stage; a member not valued by its position shows its value: <c>Fast=1</c>), else empty.</summary>
    public static EquatableArray<string> MembersOf(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Enum } e)
        {
            return EquatableArray<string>.Empty;
        }

        var members = e.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue && f.ConstantValue is System.IConvertible)
            .Select(f => (f.Name, Value: ((System.IConvertible)f.ConstantValue!).ToDecimal(System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(m => m.Value).ToArray();
        return members.Select((m, i) => m.Value == i ? m.Name : $"{m.Name}={m.Value}").ToEquatableArray();
    }

    /// <summary>
    /// Why a C# enum does not stand for the glue's string enum <paramref name="element"/> (its members must be the
    /// strings in index order, compared as letters and digits ignoring case: <c>SlowIsh</c> is <c>"slow-ish"</c>), or null.
    /// </summary>
    public static string? Mismatch(GlueModel glue, string? element, EquatableArray<string> members, string what)
    {
        if (element is null || !element.StartsWith(GlueStringEnums.ElementPrefix, System.StringComparison.Ordinal) || members.Count == 0)
        {
            return null;
        }

        string name = element.Substring(GlueStringEnums.ElementPrefix.Length);
        GlueStringEnum? declared = glue.StringEnums.AsSpan().ToArray().FirstOrDefault(e => e.Name == name);
        if (declared is null)
        {
            return null;
        }

        string[] strings = declared.Strings.AsSpan().ToArray();
        string[] names = members.AsSpan().ToArray();
        bool same = strings.Length == names.Length && strings.Zip(names, (s, m) => Letters(s) == Letters(m)).All(x => x);
        return same ? null
            : $"{what} is a C# enum with members {string.Join(", ", names)}, and the glue's string enum '{name}' is {string.Join(", ", strings.Select(s => "\"" + s + "\""))}: declare one member per string, in this order (the glue passes the index)";
    }

    private static string Letters(string text) => new string(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
