using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bindgen.Analyzers;

/// <summary>
/// What the analyzer knows about Wasmtime and the Bindgen runtime, by metadata name only (the analyzer
/// never references either assembly). Answers "is this a view source?" and "may this call grow guest memory?".
/// Thread-safe: one instance serves a whole compilation.
/// </summary>
internal sealed class WasmSymbols
{
    public const string WasmtimeNamespace = "Wasmtime";
    public const string BindgenNamespace = "Bindgen";

    public const string MemoryType = "Memory";
    public const string CallerType = "Caller";
    public const string FunctionType = "Function";
    public const string InstanceType = "Instance";

    public const string GuestViewAttribute = "GuestViewAttribute";
    public const string MayGrowMemoryAttribute = "MayGrowMemoryAttribute";
    public const string WasmModuleAttribute = "WasmModuleAttribute";
    public const string WasmImportsAttribute = "WasmImportsAttribute";

    private readonly ConcurrentDictionary<IMethodSymbol, bool> _mayGrowMethods = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _wasmImportsImplementations = new(SymbolEqualityComparer.Default);

    // Asked for every invocation and property read of every body the analyzer looks at: attributes are read once.
    private readonly ConcurrentDictionary<ISymbol, bool> _guestViews = new(SymbolEqualityComparer.Default);

    // Which of Bindgen's attributes exist in the compilation at all. Reading a symbol's attributes is among the
    // costliest things the analyzer does per symbol (metadata is decoded, source attributes are bound); a project
    // that references Wasmtime without Bindgen (Wasmtime's own sources, hand-written glue) has none of them, and
    // then no symbol needs to be asked.
    private readonly bool _guestViewExists;
    private readonly bool _mayGrowMemoryExists;
    private readonly bool _wasmModuleExists;
    private readonly bool _wasmImportsExists;

    private WasmSymbols(bool guestViewExists, bool mayGrowMemoryExists, bool wasmModuleExists, bool wasmImportsExists)
    {
        _guestViewExists = guestViewExists;
        _mayGrowMemoryExists = mayGrowMemoryExists;
        _wasmModuleExists = wasmModuleExists;
        _wasmImportsExists = wasmImportsExists;
    }

    /// <summary>Returns null when the compilation can contain none of the patterns the analyzer looks for.</summary>
    public static WasmSymbols? TryCreate(Compilation compilation)
    {
        bool memory = HasType(compilation, "Wasmtime.Memory");
        bool guestView = HasType(compilation, BindgenNamespace + "." + GuestViewAttribute);
        bool mayGrowMemory = HasType(compilation, BindgenNamespace + "." + MayGrowMemoryAttribute);
        bool wasmModule = HasType(compilation, BindgenNamespace + "." + WasmModuleAttribute);
        bool wasmImports = HasType(compilation, BindgenNamespace + "." + WasmImportsAttribute);
        return memory || guestView || mayGrowMemory || wasmImports
            ? new WasmSymbols(guestView, mayGrowMemory, wasmModule, wasmImports)
            : null;
    }

    private static bool HasType(Compilation compilation, string metadataName) =>
        !compilation.GetTypesByMetadataName(metadataName).IsEmpty;

    public static bool IsType(ITypeSymbol? type, string ns, string name) =>
        type is INamedTypeSymbol named
        && named.Name == name
        && named.ContainingType is null
        && named.ContainingNamespace is { Name: var nsName, ContainingNamespace.IsGlobalNamespace: true }
        && nsName == ns;

    public static bool IsWasmtime(ITypeSymbol? type, string name) => IsType(type, WasmtimeNamespace, name);

    /// <summary>True for any type of Wasmtime's own API (Memory, Function, Caller, ...).</summary>
    public static bool IsWasmtime(ITypeSymbol? type) => type is not null && IsType(type, WasmtimeNamespace, type.Name);

    /// <summary>
    /// <see cref="HasAttribute"/>, answered without reading the symbol's attributes when the attribute type does not
    /// exist in the compilation (then no symbol can carry it).
    /// </summary>
    public bool Has(ISymbol? symbol, string attributeName)
    {
        bool exists = attributeName switch
        {
            GuestViewAttribute => _guestViewExists,
            MayGrowMemoryAttribute => _mayGrowMemoryExists,
            WasmModuleAttribute => _wasmModuleExists,
            WasmImportsAttribute => _wasmImportsExists,
            _ => true,
        };
        return exists && HasAttribute(symbol, attributeName);
    }

    public static bool HasAttribute(ISymbol? symbol, string attributeName)
    {
        if (symbol is null)
        {
            return false;
        }

        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (IsType(attribute.AttributeClass, BindgenNamespace, attributeName))
            {
                return true;
            }
        }

        return false;
    }

    // ---- view sources -------------------------------------------------------------------------

    /// <summary>True when the method returns a fresh view of guest memory: Memory.GetSpan/GetPointer or a [GuestView] member.</summary>
    public bool IsViewSourceMethod(IMethodSymbol method)
    {
        if (IsWasmtime(method.ContainingType, MemoryType) && (method.Name == "GetSpan" || method.Name == "GetPointer"))
        {
            return true;
        }

        return IsGuestView(method);
    }

    /// <summary>True when the method hands out views through out/ref arguments (Caller.TryGetMemorySpan and [GuestView] methods).</summary>
    public bool ProducesViewsThroughArguments(IMethodSymbol method) =>
        (IsWasmtime(method.ContainingType, CallerType) && method.Name.IndexOf("Span", StringComparison.Ordinal) >= 0)
        || (IsWasmtime(method.ContainingType, MemoryType) && method.Name.IndexOf("Span", StringComparison.Ordinal) >= 0)
        || IsGuestView(method);

    public bool IsGuestView(ISymbol member) => _guestViewExists && _guestViews.GetOrAdd(member, ComputeIsGuestView);

    private static bool ComputeIsGuestView(ISymbol member)
    {
        for (ISymbol? current = member; current is not null; current = Overridden(current))
        {
            if (HasAttribute(current, GuestViewAttribute) || HasAttribute(current.OriginalDefinition, GuestViewAttribute))
            {
                return true;
            }

            if (current is IMethodSymbol { AssociatedSymbol: IPropertySymbol property } && HasAttribute(property, GuestViewAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for an operation that returns a fresh view: a view-source invocation or a [GuestView] property.</summary>
    public bool IsViewSource(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => IsViewSourceMethod(invocation.TargetMethod),
        IPropertyReferenceOperation property => IsGuestView(property.Property),
        _ => false,
    };

    /// <summary>True for invocations that yield Wasmtime function delegates: Instance.GetFunction/GetAction, Function.WrapFunc/WrapAction.</summary>
    public static bool IsDelegateSource(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.ReturnType.TypeKind != TypeKind.Delegate)
        {
            return false;
        }

        if (IsWasmtime(method.ContainingType, InstanceType) || IsWasmtime(method.ContainingType, CallerType))
        {
            return method.Name.StartsWith("GetFunction", StringComparison.Ordinal) || method.Name.StartsWith("GetAction", StringComparison.Ordinal);
        }

        if (IsWasmtime(method.ContainingType, FunctionType))
        {
            return method.Name.StartsWith("WrapFunc", StringComparison.Ordinal) || method.Name.StartsWith("WrapAction", StringComparison.Ordinal);
        }

        return false;
    }

    /// <summary>
    /// True for a delegate type that could wrap a WebAssembly function: wasm value types only (int, long, float,
    /// double) as parameters, and one of them or void as the result.
    /// </summary>
    public static bool HasWasmSignature(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke }
            || invoke.ReturnsByRef
            || invoke.ReturnsByRefReadonly
            || (!invoke.ReturnsVoid && !IsWasmValueType(invoke.ReturnType)))
        {
            return false;
        }

        foreach (IParameterSymbol parameter in invoke.Parameters)
        {
            if (parameter.RefKind != RefKind.None || !IsWasmValueType(parameter.Type))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWasmValueType(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Single or SpecialType.System_Double;

    // ---- may-grow calls -----------------------------------------------------------------------

    /// <summary>
    /// True when calling the method may grow guest memory: Memory.Grow, Function.Invoke*, a member marked
    /// [MayGrowMemory] (or whose type is), a method of a [WasmModule] interface or an implementation of one.
    /// Delegate and local-function invocations are decided by the caller, which knows where the delegate came from.
    /// </summary>
    public bool MayGrow(IMethodSymbol method) => _mayGrowMethods.GetOrAdd(method, ComputeMayGrow);

    private bool ComputeMayGrow(IMethodSymbol method)
    {
        INamedTypeSymbol? type = method.ContainingType;
        if (IsWasmtime(type, MemoryType))
        {
            return method.Name == "Grow";
        }

        if (IsWasmtime(type, FunctionType))
        {
            return method.Name.StartsWith("Invoke", StringComparison.Ordinal);
        }

        if (method.MethodKind is MethodKind.DelegateInvoke or MethodKind.LocalFunction or MethodKind.AnonymousFunction)
        {
            return false;
        }

        for (IMethodSymbol? current = method; current is not null; current = current.OverriddenMethod)
        {
            if (MarkedMayGrow(current) || MarkedMayGrow(current.OriginalDefinition))
            {
                return true;
            }
        }

        foreach (IMethodSymbol implemented in ImplementedInterfaceMethods(method))
        {
            if (MarkedMayGrow(implemented) || Has(implemented.ContainingType, WasmModuleAttribute))
            {
                return true;
            }
        }

        return false;
    }

    private bool MarkedMayGrow(IMethodSymbol method)
    {
        if (Has(method, MayGrowMemoryAttribute))
        {
            return true;
        }

        if (method.AssociatedSymbol is IPropertySymbol property && Has(property, MayGrowMemoryAttribute))
        {
            return true;
        }

        INamedTypeSymbol? type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        if (type.TypeKind == TypeKind.Interface && Has(type, WasmModuleAttribute) && !method.IsStatic)
        {
            return true;
        }

        // A type-level [MayGrowMemory] covers the type's own methods, except those that hand out views. Constructors
        // and property accessors (plain getters such as a binding's Instance or Memory) need their own attribute.
        return Has(type, MayGrowMemoryAttribute)
            && method.MethodKind == MethodKind.Ordinary
            && !IsGuestView(method);
    }

    /// <summary>True when reading the property may grow guest memory ([MayGrowMemory] on it, an accessor or its type).</summary>
    public bool MayGrow(IPropertySymbol property)
    {
        if (Has(property, MayGrowMemoryAttribute))
        {
            return true;
        }

        return property.GetMethod is { } getter && MayGrow(getter);
    }

    private static System.Collections.Generic.IEnumerable<IMethodSymbol> ImplementedInterfaceMethods(IMethodSymbol method)
    {
        foreach (IMethodSymbol explicitImplementation in method.ExplicitInterfaceImplementations)
        {
            yield return explicitImplementation;
        }

        INamedTypeSymbol? type = method.ContainingType;
        if (type is null || method.IsStatic || method.MethodKind != MethodKind.Ordinary || type.TypeKind == TypeKind.Interface)
        {
            yield break;
        }

        foreach (INamedTypeSymbol @interface in type.AllInterfaces)
        {
            foreach (ISymbol member in @interface.GetMembers(method.Name))
            {
                if (member is IMethodSymbol interfaceMethod
                    && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(interfaceMethod), method))
                {
                    yield return interfaceMethod;
                }
            }
        }
    }

    // ---- borrowed views -------------------------------------------------------------------------

    /// <summary>
    /// True when the method implements a member of a [WasmImports] interface: its Span/ReadOnlySpan parameters are
    /// views of guest memory borrowed for the duration of the call.
    /// </summary>
    public bool ImplementsWasmImports(IMethodSymbol method) => _wasmImportsExists && _wasmImportsImplementations.GetOrAdd(method, static m =>
    {
        if (m.ContainingType is { TypeKind: TypeKind.Interface } owner && HasAttribute(owner, WasmImportsAttribute))
        {
            return true;
        }

        foreach (IMethodSymbol implemented in ImplementedInterfaceMethods(m))
        {
            if (HasAttribute(implemented.ContainingType, WasmImportsAttribute))
            {
                return true;
            }
        }

        return false;
    });

    public static bool IsSpanType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsGenericType: true, Arity: 1 } named
        && (named.Name == "Span" || named.Name == "ReadOnlySpan")
        && named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };

    private static ISymbol? Overridden(ISymbol symbol) => symbol switch
    {
        IMethodSymbol method => method.OverriddenMethod,
        IPropertySymbol property => property.OverriddenProperty,
        _ => null,
    };
}
