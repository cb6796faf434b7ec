using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;
using Microsoft.CodeAnalysis;
using Bindgen.Generator.Parse;
using static Bindgen.Generator.Parse.ParseSupport;

namespace Bindgen.Generator.Abi.C;

/// <summary>What only the C convention reads of a binding: the guest's own names for its memory and allocator.</summary>
/// <param name="Convention">The names given on the attribute, or null for the defaults.</param>
internal sealed record CModule(ConventionNames? Convention) : ModuleAbi(AbiKind.C);

/// <summary>
/// A method under the C convention: everything it needs is in the core model (the C# types of
/// <see cref="TypeModel"/> and the lowered signature), so this part is empty and the same for every method.
/// </summary>
internal sealed record CMethod : MethodAbi
{
    public static readonly CMethod Instance = new();
}

/// <summary>The names a C-convention guest exports its memory, malloc and free under; null parts keep the default.</summary>
internal sealed record ConventionNames(string? Memory, string? Malloc, string? Free)
{
    /// <summary>The runtime's <c>CConvention</c> for these names, as a C# expression.</summary>
    public string Expression =>
        "new global::Bindgen.CConvention("
        + string.Join(", ", new[] { ("Memory", Memory), ("Malloc", Malloc), ("Free", Free) }
            .Where(part => part.Item2 is not null)
            .Select(part => part.Item1 + ": " + CSharpText.Literal(part.Item2!)))
        + ")";

    /// <summary>The names the attribute gives (an invalid one, already reported by the parse, counts as not given); null when none.</summary>
    public static ConventionNames? Read(AttributeData? attribute)
    {
        string?[] names = ModuleParser.ExportNameProperties
            .Select(p => HasNamedArgument(attribute, p) ? NamedString(attribute, p) : null)
            .Select(n => NameMapping.ExportNameProblem(n) is null ? n : null)
            .ToArray();
        return names.All(n => n is null) ? null : new ConventionNames(names[0], names[1], names[2]);
    }
}

/// <summary>Typed access to the C convention's part of a binding.</summary>
internal static class CModelAccess
{
    /// <summary>The guest's names for memory and allocator, or null for the defaults.</summary>
    public static ConventionNames? Convention(this ModuleModel module) => ((CModule)module.Abi).Convention;
}
