using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Bindgen.Generator.Emit;

/// <summary>
/// Turns names the user chose into text that is safe in each place generated code puts them: identifiers,
/// string literals, comments and hint names. Every name reaches the output through one of these.
/// </summary>
internal static class CSharpText
{
    /// <summary>An identifier as C# source: keywords get <c>@</c> (<c>class</c> -&gt; <c>@class</c>).</summary>
    public static string Identifier(string name) =>
        name.Length > 0 && name[0] != '@'
        && (SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.VarKeyword)
            ? "@" + name
            : name;

    /// <summary>A dotted name (a namespace) with each part escaped as an identifier.</summary>
    public static string QualifiedIdentifier(string dottedName)
    {
        string[] parts = dottedName.Split('.');
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = Identifier(parts[i]);
        }

        return string.Join(".", parts);
    }

    /// <summary>The contents of a regular C# string literal (without quotes) that evaluates to <paramref name="value"/>.</summary>
    public static string LiteralContent(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\': text.Append("\\\\"); break;
                case '"': text.Append("\\\""); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\0': text.Append("\\0"); break;
                default:
                    // Line separators (U+0085, U+2028, U+2029) end a line in C# source; control characters and
                    // lone surrogates are invisible or unencodable: all are written as escapes.
                    if (char.IsControl(c) || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\u0085' || c == '\uFEFF')
                    {
                        text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>A quoted C# string literal.</summary>
    public static string Literal(string value) => "\"" + LiteralContent(value) + "\"";

    /// <summary>Text that can stand inside a <c>///</c> XML doc comment: XML-escaped, on one line.</summary>
    public static string DocText(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        foreach (char c in value)
        {
            switch (c)
            {
                case '&': text.Append("&amp;"); break;
                case '<': text.Append("&lt;"); break;
                case '>': text.Append("&gt;"); break;
                case '"': text.Append("&quot;"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\u0085')
                    {
                        text.Append("&#x").Append(((int)c).ToString("X", CultureInfo.InvariantCulture)).Append(';');
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// A hint-name fragment made only of ASCII letters, digits, <c>.</c> and <c>_</c>: anything else (the <c>@</c> of a
    /// verbatim identifier, non-ASCII letters) is written as <c>_uXXXX</c>, so distinct names stay distinct.
    /// </summary>
    public static string HintFragment(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.')
            {
                text.Append(c);
            }
            else if (c == '_')
            {
                text.Append("__");
            }
            else
            {
                text.Append("_u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
