using System.Collections.Generic;
using System.Text;
using Bindgen.Generator.Abi.Canonical;
using Bindgen.Generator.Emit;

namespace Bindgen.Generator.Abi.Component;

/// <summary>
/// WIT names to .NET names (docs/components.md, "Names"): kebab-case to PascalCase for types, members, interfaces
/// (with <c>I</c>) and the world class, camelCase for parameters (keywords escaped with <c>@</c>). A name that would
/// clash gets a fixed suffix, so the same component always gives the same names.
/// </summary>
internal static class ComponentNames
{
    /// <summary>Members every record or class already has; a WIT field of that name gets the suffix <c>Value</c>.</summary>
    private static readonly HashSet<string> Reserved = new()
    {
        "Equals", "GetHashCode", "ToString", "GetType", "Deconstruct", "EqualityContract", "PrintMembers", "MemberwiseClone", "Finalize",
    };

    /// <summary><c>count-words</c> -&gt; <c>CountWords</c>; <c>canonical_imports.component.wasm</c> -&gt; <c>CanonicalImportsComponentWasm</c>.</summary>
    public static string Pascal(string name) => Bindgen.Generator.Parse.NameMapping.ToPascalCase(name, "_");

    /// <summary><c>max-length</c> -&gt; <c>maxLength</c>; keywords escaped (<c>class</c> -&gt; <c>@class</c>).</summary>
    public static string Camel(string name)
    {
        string pascal = Pascal(name);
        return CSharpText.Identifier(pascal[0] == '_' ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1));
    }

    /// <summary>The world class: the file name without <c>.wasm</c> and <c>.component</c>, in PascalCase (<c>adder.component.wasm</c> -&gt; <c>Adder</c>).</summary>
    public static string WorldClass(string fileName)
    {
        string name = fileName;
        foreach (string suffix in new[] { ".wasm", ".component" })
        {
            if (name.EndsWith(suffix, System.StringComparison.OrdinalIgnoreCase))
            {
                name = name.Substring(0, name.Length - suffix.Length);
            }
        }

        return Pascal(name);
    }

    /// <summary>A record field, enum case or flag: PascalCase, suffixed with <c>Value</c> when it would clash with its type or a member every type has.</summary>
    public static string Member(string label, string typeName)
    {
        string name = Pascal(label);
        return name == typeName || Reserved.Contains(name) ? name + "Value" : name;
    }

    /// <summary>A variant case's nested type: suffixed with <c>Case</c> when named like its variant, its payload property or a member every record has.</summary>
    public static string Case(string label, string variantName)
    {
        string name = Pascal(label);
        return name == variantName || name == "Value" || Reserved.Contains(name) ? name + "Case" : name;
    }

    /// <summary>The <c>Instantiate</c> parameter of an imported interface: camelCase, suffixed with <c>Imports</c> when it would clash with the others.</summary>
    public static string ImportParameter(string interfaceMember)
    {
        string name = Camel(interfaceMember);
        return name is "engine" or "store" or "options" ? name + "Imports" : name;
    }
}
