using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Emit;

namespace Bindgen.Generator.Abi.Component;

/// <summary>A WIT doc comment of the description (<c>doc</c> lines, from the component's <c>package-docs</c> section).</summary>
/// <param name="Package">The package it belongs to (<c>local:demo@1.0.0</c>), or null when the section does not say.</param>
/// <param name="Interface">The interface's short name, or null for the world.</param>
/// <param name="Kind"><c>world</c>, <c>interface</c>, <c>function</c>, <c>type</c> or <c>item</c> (a record field, a case or a flag).</param>
/// <param name="Name">The function's or type's name.</param>
/// <param name="Item">The item's name.</param>
/// <param name="Text">The doc comment, lines separated by <c>\n</c>.</param>
internal sealed record DescribedDoc(string? Package, string? Interface, string Kind, string? Name, string? Item, string Text);

/// <summary>
/// The WIT doc comments of a component by what they document, for the generated XML docs: each is written as the
/// <c>summary</c> (escaped for XML, line by line), and what Bindgen says of the item moves to <c>remarks</c>.
/// </summary>
internal sealed class ComponentDocs
{
    private readonly Dictionary<(string Kind, string Owner, string Name, string Item), string> _docs = new();

    public ComponentDocs(ComponentFile file)
    {
        foreach (DescribedDoc doc in file.Docs)
        {
            IEnumerable<string> owners = doc.Interface is null
                ? new[] { "-" }
                : file.Interfaces.Where(i => i.ShortName == doc.Interface && (doc.Package is null || PackageOf(i) == doc.Package)).Select(i => i.Name).Distinct();
            foreach (string owner in owners)
            {
                var key = (doc.Kind, owner, doc.Name ?? "-", doc.Item ?? "-");
                if (!_docs.ContainsKey(key))
                {
                    _docs.Add(key, doc.Text);
                }
            }
        }
    }

    /// <summary>No docs, for uses that only need the types' structure.</summary>
    public static ComponentDocs None { get; } = new(ComponentFile.Parse("none", null));

    public string? World => Get("world", "-", "-", "-");

    public string? Interface(string? name) => name is null ? null : Get("interface", name, "-", "-");

    public string? Function(string? owner, string name) => Get("function", owner ?? "-", name, "-");

    public string? Type(string owner, string name) => Get("type", owner, name, "-");

    public string? Item(string owner, string type, string item) => Get("item", owner, type, item);

    /// <summary>
    /// The XML doc lines of an item: the WIT doc as the summary and <paramref name="remarks"/> (already XML) as the
    /// remarks, or, without a WIT doc, <paramref name="remarks"/> as the summary. Each line starts with <paramref name="indent"/><c>///</c>.
    /// </summary>
    public static List<string> Summary(string? doc, string remarks, string indent = "")
    {
        if (doc is null)
        {
            return new List<string> { $"{indent}/// <summary>{remarks}</summary>" };
        }

        var lines = new List<string> { indent + "/// <summary>" };
        lines.AddRange(Lines(doc, indent));
        lines.Add(indent + "/// </summary>");
        lines.Add($"{indent}/// <remarks>{remarks}</remarks>");
        return lines;
    }

    /// <summary>A doc comment as XML doc lines, escaped.</summary>
    public static IEnumerable<string> Lines(string doc, string indent = "") =>
        doc.Replace("\r\n", "\n").Trim('\n').Split('\n').Select(line => $"{indent}/// {CSharpText.DocText(line.TrimEnd())}".TrimEnd());

    private static string PackageOf(DescribedInterface i) => (i.Package ?? string.Empty) + (i.Version is null ? string.Empty : "@" + i.Version);

    private string? Get(string kind, string owner, string name, string item) => _docs.TryGetValue((kind, owner, name, item), out string? text) ? text : null;
}
