using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Bindgen.Build.Tasks.Components;

/// <summary>
/// A small JSON reader for the one JSON document a component carries (the <c>package-docs</c> section): objects
/// (keys in document order), arrays, strings, numbers, <c>true</c>, <c>false</c>, <c>null</c>. The build task
/// cannot carry a JSON library. Malformed or too deeply nested input is a <see cref="FormatException"/>.
/// </summary>
internal sealed class MiniJson
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _at;

    private MiniJson(string text) => _text = text;

    /// <summary>The document's value: a list of key/value pairs for an object, a list for an array, a string, a double, a bool or null.</summary>
    public static object? Parse(string text)
    {
        var reader = new MiniJson(text);
        object? value = reader.Value(0);
        reader.Space();
        return reader._at == text.Length ? value : throw reader.Error("text after the document");
    }

    private object? Value(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("nesting deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture));
        }

        Space();
        switch (Peek())
        {
            case '{':
                _at++;
                var members = new List<KeyValuePair<string, object?>>();
                if (TryTake('}'))
                {
                    return members;
                }

                do
                {
                    Space();
                    string key = String();
                    Space();
                    Take(':');
                    members.Add(new KeyValuePair<string, object?>(key, Value(depth + 1)));
                    Space();
                }
                while (TryTake(','));
                Take('}');
                return members;
            case '[':
                _at++;
                var items = new List<object?>();
                if (TryTake(']'))
                {
                    return items;
                }

                do
                {
                    items.Add(Value(depth + 1));
                    Space();
                }
                while (TryTake(','));
                Take(']');
                return items;
            case '"':
                return String();
            case 't': Word("true"); return true;
            case 'f': Word("false"); return false;
            case 'n': Word("null"); return null;
            default:
                int start = _at;
                while (_at < _text.Length && "+-0123456789.eE".IndexOf(_text[_at]) >= 0)
                {
                    _at++;
                }

                return double.TryParse(_text.Substring(start, _at - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
                    ? number
                    : throw Error("a value was expected");
        }
    }

    private string String()
    {
        Take('"');
        var text = new StringBuilder();
        while (true)
        {
            char c = Next();
            if (c == '"')
            {
                return text.ToString();
            }

            if (c < ' ')
            {
                throw Error("a control character in a string");
            }

            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            char e = Next();
            switch (e)
            {
                case '"': case '\\': case '/': text.Append(e); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u':
                    if (_at + 4 > _text.Length || !int.TryParse(_text.Substring(_at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                    {
                        throw Error("a bad \\u escape");
                    }

                    _at += 4;
                    text.Append((char)code);
                    break;
                default: throw Error("a bad escape");
            }
        }
    }

    private void Word(string word)
    {
        if (string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0)
        {
            throw Error("a value was expected");
        }

        _at += word.Length;
    }

    private void Space()
    {
        while (_at < _text.Length && _text[_at] is ' ' or '\t' or '\n' or '\r')
        {
            _at++;
        }
    }

    private char Peek() => _at < _text.Length ? _text[_at] : throw Error("the document ends early");

    private char Next() => _at < _text.Length ? _text[_at++] : throw Error("the document ends early");

    private bool TryTake(char c)
    {
        Space();
        if (_at < _text.Length && _text[_at] == c)
        {
            _at++;
            return true;
        }

        return false;
    }

    private void Take(char c)
    {
        if (!TryTake(c))
        {
            throw Error($"'{c}' was expected");
        }
    }

    private FormatException Error(string what) => new($"{what} at character {_at.ToString(CultureInfo.InvariantCulture)}");
}
