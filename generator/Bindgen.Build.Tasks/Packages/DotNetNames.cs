using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Bindgen.Build.Tasks.Packages;

/// <summary>
/// .NET names for a package's JavaScript names: types and members in PascalCase (<c>new_from_base64</c> and
/// <c>newFromBase64</c> are <c>NewFromBase64</c>), parameters in camelCase, C# keywords escaped with <c>@</c>,
/// characters C# does not allow replaced by <c>_</c>. A name already taken in its scope (by an earlier export in the
/// glue's order, or by a member the generated class has) gets the suffix 2, then 3, ...: deterministic.
/// </summary>
internal static class DotNetNames
{
    /// <summary>Members every generated binding or class already has, which no export may be named.</summary>
    public static readonly string[] Reserved =
    {
        "Instance", "Guest", "Glue", "Binding", "Instantiate", "LoadModule", "Dispose", "GetType", "ToString", "Equals",
        "GetHashCode", "MemberwiseClone", "Finalize",
    };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    /// <summary><c>get_raw_pixels</c>, <c>getRawPixels</c> -&gt; <c>GetRawPixels</c>.</summary>
    public static string Pascal(string name) => Bindgen.Generator.Parse.NameMapping.ToPascalCase(name, "Export");

    /// <summary>A parameter name: camelCase, a keyword escaped.</summary>
    public static string Parameter(string name)
    {
        string pascal = Pascal(name);
        string camel = pascal[0] == '_' ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return Keywords.Contains(camel) ? "@" + camel : camel;
    }

    /// <summary>Whether the generator finds JavaScript name <paramref name="js"/> from member name <paramref name="member"/> (camelCase, then snake_case).</summary>
    public static bool MapsBack(string member, string js) =>
        char.ToLowerInvariant(member[0]) + member.Substring(1) == js || Bindgen.Generator.Parse.NameMapping.ToSnakeCase(member) == js;

    /// <summary>Names taken in one scope; <see cref="Take"/> hands out the first free one of a name and its numbered forms.</summary>
    public sealed class Scope
    {
        private readonly HashSet<string> _taken;

        public Scope(IEnumerable<string> reserved) => _taken = new HashSet<string>(reserved, StringComparer.Ordinal);

        public bool IsTaken(string name) => _taken.Contains(name);

        public string Take(string name)
        {
            string candidate = name;
            for (int n = 2; _taken.Contains(candidate); n++)
            {
                candidate = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            _taken.Add(candidate);
            return candidate;
        }
    }

    /// <summary>Distinct parameter names for one member, in order.</summary>
    public static IReadOnlyList<string> Parameters(IEnumerable<string> jsNames)
    {
        var scope = new Scope(Array.Empty<string>());
        return jsNames.Select(n => scope.Take(Parameter(n))).ToList();
    }
}
