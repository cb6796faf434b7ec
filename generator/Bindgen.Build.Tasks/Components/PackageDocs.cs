using System;
using System.Collections.Generic;
using System.Text;

namespace Bindgen.Build.Tasks.Components;

/// <summary>
/// The WIT doc comments of a component: wit-parser's <c>package-docs</c> custom section (a version byte, 0 or 1, then a
/// JSON document of the package's, worlds', interfaces', functions' and types' docs, and the docs of record fields,
/// variant and enum cases and flags), turned into <c>doc</c> lines of the description. Docs only explain: a section
/// this reader cannot read is reported as a warning and the binding is generated without them.
/// </summary>
public static class PackageDocs
{
    /// <summary>The custom section's name.</summary>
    public const string SectionName = "package-docs";

    /// <summary>
    /// The <c>doc</c> lines for the component's top-level <c>package-docs</c> section: empty when it has none.
    /// </summary>
    /// <param name="bytes">The whole component.</param>
    /// <param name="warning">Why a section that is present could not be read, or null.</param>
    public static string Describe(byte[] bytes, out string? warning)
    {
        warning = null;
        try
        {
            byte[]? section = Find(bytes);
            return section is null ? string.Empty : Lines(section);
        }
        catch (Exception e) when (e is FormatException or ComponentFormatException or InvalidCastException or ArgumentException or DecoderFallbackException)
        {
            warning = e.Message;
            return string.Empty;
        }
    }

    /// <summary>The payload of the first top-level custom section named <c>package-docs</c>, or null.</summary>
    private static byte[]? Find(byte[] bytes)
    {
        var cursor = new ComponentCursor(bytes, 8, bytes.Length);
        while (!cursor.AtEnd)
        {
            byte id = cursor.Byte();
            ComponentCursor section = cursor.Window(cursor.U32(), "section");
            cursor.Position = section.End;
            if (id == 0 && section.Name() == SectionName)
            {
                return section.Slice(section.Position, section.End);
            }
        }

        return null;
    }

    private static string Lines(byte[] section)
    {
        if (section.Length == 0 || section[0] > 1)
        {
            throw new FormatException(section.Length == 0 ? "the section is empty" : $"its format version is {section[0]}; Bindgen reads versions 0 and 1");
        }

        string json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(section, 1, section.Length - 1);
        var root = Object(MiniJson.Parse(json), "the document");
        string package = Text(root, "package") ?? "-";
        var lines = new StringBuilder();
        void Line(string iface, string kind, string name, string item, string? text)
        {
            if (!string.IsNullOrEmpty(text))
            {
                lines.Append(string.Join("\t", "doc", Escape(package), Escape(iface), kind, Escape(name), Escape(item), ComponentDescription.Escape(text!))).Append('\n');
            }
        }

        List<KeyValuePair<string, object?>> worlds = Members(root, "worlds");
        foreach (KeyValuePair<string, object?> world in worlds)
        {
            var w = Object(world.Value, "world " + world.Key);
            if (worlds.Count == 1)
            {
                Line("-", "world", "-", "-", Text(w, "docs"));
            }

            Functions(w, "funcs", "-", Line);
            Functions(w, "func_exports", "-", Line);
            Types(w, "-", Line);
        }

        foreach (KeyValuePair<string, object?> i in Members(root, "interfaces"))
        {
            var members = Object(i.Value, "interface " + i.Key);
            Line(i.Key, "interface", "-", "-", Text(members, "docs"));
            Functions(members, "funcs", i.Key, Line);
            Types(members, i.Key, Line);
        }

        return lines.ToString();
    }

    private static void Functions(List<KeyValuePair<string, object?>> owner, string key, string iface, Action<string, string, string, string, string?> line)
    {
        foreach (KeyValuePair<string, object?> f in Members(owner, key))
        {
            // Version 0 gives a function's docs as a string, version 1 as { "docs": ..., "stability": ... }.
            line(iface, "function", f.Key, "-", f.Value as string ?? (f.Value is null ? null : Text(Object(f.Value, "function " + f.Key), "docs")));
        }
    }

    private static void Types(List<KeyValuePair<string, object?>> owner, string iface, Action<string, string, string, string, string?> line)
    {
        foreach (KeyValuePair<string, object?> t in Members(owner, "types"))
        {
            var type = Object(t.Value, "type " + t.Key);
            line(iface, "type", t.Key, "-", Text(type, "docs"));
            foreach (KeyValuePair<string, object?> item in Members(type, "items"))
            {
                line(iface, "item", t.Key, item.Key, item.Value as string ?? throw new FormatException($"the docs of '{item.Key}' of type '{t.Key}' are not a string"));
            }
        }
    }

    private static List<KeyValuePair<string, object?>> Object(object? value, string what) =>
        value as List<KeyValuePair<string, object?>> ?? throw new FormatException($"{what} is not a JSON object");

    private static List<KeyValuePair<string, object?>> Members(List<KeyValuePair<string, object?>> owner, string key) =>
        Find(owner, key) is { } value ? Object(value, "'" + key + "'") : new List<KeyValuePair<string, object?>>();

    private static string? Text(List<KeyValuePair<string, object?>> owner, string key) =>
        Find(owner, key) switch
        {
            null => null,
            string s => s,
            _ => throw new FormatException($"'{key}' is not a string"),
        };

    private static object? Find(List<KeyValuePair<string, object?>> owner, string key)
    {
        foreach (KeyValuePair<string, object?> member in owner)
        {
            if (member.Key == key)
            {
                return member.Value;
            }
        }

        return null;
    }

    private static string Escape(string value) => value == "-" ? "-" : ComponentDescription.Escape(value);
}
