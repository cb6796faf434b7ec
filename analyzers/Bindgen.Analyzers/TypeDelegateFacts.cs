using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bindgen.Analyzers;

/// <summary>
/// Fields and properties of one type that hold delegates calling into the guest (assigned from
/// Instance.GetFunction/GetAction or Function.WrapFunc/WrapAction anywhere in the type). Filled by operation
/// actions while the type is analyzed; read when its method bodies are analyzed at the end of the type.
/// </summary>
internal sealed class TypeDelegateFacts
{
    private readonly ConcurrentDictionary<ISymbol, bool> _members = new(SymbolEqualityComparer.Default);

    public bool Contains(ISymbol member) => _members.ContainsKey(member.OriginalDefinition);

    /// <summary>Records the field or property an assignment or initializer stores a Wasmtime delegate into.</summary>
    public void Collect(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation assignment when HoldsWasmDelegate(assignment.Value):
                switch (assignment.Target)
                {
                    case IFieldReferenceOperation field:
                        _members[field.Field.OriginalDefinition] = true;
                        break;
                    case IPropertyReferenceOperation property:
                        _members[property.Property.OriginalDefinition] = true;
                        break;
                }

                break;
            case IFieldInitializerOperation initializer when HoldsWasmDelegate(initializer.Value):
                foreach (IFieldSymbol field in initializer.InitializedFields)
                {
                    _members[field.OriginalDefinition] = true;
                }

                break;
            case IPropertyInitializerOperation initializer when HoldsWasmDelegate(initializer.Value):
                foreach (IPropertySymbol property in initializer.InitializedProperties)
                {
                    _members[property.OriginalDefinition] = true;
                }

                break;
        }
    }

    /// <summary>True when the value (through casts, <c>!</c>, <c>??</c>, conditionals) comes from a Wasmtime delegate source.</summary>
    public static bool HoldsWasmDelegate(IOperation? value)
    {
        if (value is null || value.Type is not { TypeKind: TypeKind.Delegate })
        {
            return false;
        }

        foreach (IOperation operation in value.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation invocation && WasmSymbols.IsDelegateSource(invocation))
            {
                return true;
            }
        }

        return false;
    }
}
