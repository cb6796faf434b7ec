using System.Globalization;
using System.Text;

namespace Bindgen.Generator.Parse;

/// <summary>Export naming: the snake_case default and the validity rules for explicit names; PascalCase for .NET names.</summary>
internal static class NameMapping
{
    /// <summary>
    /// <c>count-words</c>, <c>new_from_base64</c>, <c>newFromBase64</c> -&gt; <c>CountWords</c>, <c>NewFromBase64</c>:
    /// every character that is not a letter or digit starts a new word and is dropped; a name that would start with a
    /// digit gets <c>_</c>, one with no letter or digit is <paramref name="whenEmpty"/>.
    /// </summary>
    public static string ToPascalCase(string name, string whenEmpty)
    {
        var result = new StringBuilder(name.Length);
        bool upper = true;
        foreach (char c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            result.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        string text = result.Length == 0 ? whenEmpty : result.ToString();
        return char.IsDigit(text[0]) ? "_" + text : text;
    }

    /// <summary><c>WordCount</c> -&gt; <c>word_count</c>, <c>ParseHTTPHeader</c> -&gt; <c>parse_http_header</c>, <c>ToUtf8</c> -&gt; <c>to_utf8</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool acronymEnds = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (result.Length > 0 && name[i - 1] != '_' && (previousIsLowerOrDigit || acronymEnds))
                {
                    result.Append('_');
                }

                result.Append(char.ToLowerInvariant(c));
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>Why <paramref name="name"/> cannot name a wasm export, or null when it can.</summary>
    public static string? ExportNameProblem(string? name)
    {
        if (name is null)
        {
            return "the name is null";
        }

        if (name.Trim().Length == 0)
        {
            return "the name is empty";
        }

        if (name.Trim().Length != name.Length)
        {
            return "the name has leading or trailing white space";
        }

        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsControl(c))
            {
                return "the name contains the control character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1])))
            {
                return "the name is not valid Unicode (an unpaired surrogate cannot be encoded as UTF-8)";
            }

            if (char.IsHighSurrogate(c))
            {
                i++;
            }
        }

        return null;
    }
}
