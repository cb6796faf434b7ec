using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bindgen.Analyzers;

/// <summary>
/// The delegates stored in the fields and properties of one type: which hold Wasmtime delegates (assigned from
/// Instance.GetFunction/GetAction or Function.WrapFunc/WrapAction anywhere in the type), and every value assigned to
/// each delegate-typed member, so that invoking the member can count as what those values do.
/// </summary>
internal sealed class TypeDelegateFacts
{
    private readonly ConcurrentDictionary<ISymbol, bool> _wasmMembers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, ConcurrentQueue<IOperation>> _values = new(SymbolEqualityComparer.Default);

    /// <summary>True when a Wasmtime delegate is stored in the member somewhere in the type.</summary>
    public bool Contains(ISymbol member) => _wasmMembers.ContainsKey(member.OriginalDefinition);

    /// <summary>The values the type assigns to the delegate-typed member (empty when it assigns none).</summary>
    public IEnumerable<IOperation> ValuesOf(ISymbol member) =>
        _values.TryGetValue(member.OriginalDefinition, out ConcurrentQueue<IOperation>? values) ? values : ImmutableArray<IOperation>.Empty;

    /// <summary>Records the field or property an assignment or initializer stores a delegate into.</summary>
    public void Collect(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation assignment:
                switch (assignment.Target)
                {
                    case IFieldReferenceOperation field:
                        Record(field.Field, assignment.Value);
                        break;
                    case IPropertyReferenceOperation property:
                        Record(property.Property, assignment.Value);
                        break;
                }

                break;
            case IFieldInitializerOperation initializer:
                foreach (IFieldSymbol field in initializer.InitializedFields)
                {
                    Record(field, initializer.Value);
                }

                break;
            case IPropertyInitializerOperation initializer:
                foreach (IPropertySymbol property in initializer.InitializedProperties)
                {
                    Record(property, initializer.Value);
                }

                break;
        }
    }

    private void Record(ISymbol member, IOperation value)
    {
        if (value.Type is not { TypeKind: TypeKind.Delegate })
        {
            return;
        }

        ISymbol key = member.OriginalDefinition;
        _values.GetOrAdd(key, static _ => new ConcurrentQueue<IOperation>()).Enqueue(value);
        if (HoldsWasmDelegate(value))
        {
            _wasmMembers[key] = true;
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
