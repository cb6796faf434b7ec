using System.Collections.Generic;

namespace Bindgen.Build.Tasks.Components;

/// <summary>Types, instance types, the root component's imports, and canonical lift and lower.</summary>
internal sealed partial class ComponentFlattener
{
    private object? TypeAt(Scope scope, uint index, int offset) =>
        scope.Get(Sort.Type, index, offset) is TypeItem item ? item.Value : throw new ComponentFormatException($"type {index} used at offset {offset} is not a type");

    private object? Type(TypeSyntax syntax, Scope scope, string? name)
    {
        switch (syntax)
        {
            case ValTypeSyntax value:
                return ValType(value, scope);
            case DefinedTypeSyntax defined:
                var types = new List<WitType?>();
                foreach (ValTypeSyntax? t in defined.Types)
                {
                    types.Add(t is null ? null : ValType(t, scope));
                }

                if (defined.Kind is "own" or "borrow")
                {
                    WitType? resource = TypeAt(scope, defined.Index, defined.Offset) as WitType;
                    if (ResourceOf(resource) is null)
                    {
                        throw new ComponentFormatException($"the handle type {defined.Kind}<...> at offset {defined.Offset} names type {defined.Index}, which is not a resource");
                    }

                    types.Add(resource);
                }
                else if (defined.Kind is "stream" or "future" or "map" or "fixed-list")
                {
                    Report(defined.Kind, defined.Offset, $"the type '{defined.Kind}' is not supported");
                }

                return new WitDefined(defined.Kind, defined.Labels, types, defined.Index);
            case FuncTypeSyntax func:
                var parameters = new List<(string, WitType)>();
                foreach ((string label, ValTypeSyntax type) in func.Parameters)
                {
                    parameters.Add((label, ValType(type, scope)));
                }

                if (func.Async)
                {
                    Report("async", func.Offset, "an async function type is not supported (WASI 0.3 async is part 2 of the component support)");
                }

                return new WitFunction(parameters, func.Result is null ? null : ValType(func.Result, scope), func.Async);
            case InstanceTypeSyntax { IsInstance: true } instance:
                return Shape(instance, scope);
            case InstanceTypeSyntax:
                return null; // a component type: only an imported component would use it, and that is reported there
            case ResourceTypeSyntax resource:
                CoreDef? destructor = resource.Destructor is { } d ? CoreDefinition(scope, Sort.CoreFunc, d, resource.Offset) : null;
                return new WitResource(name, defined: true, destructor);
            default:
                return null;
        }
    }

    /// <summary>The resource <paramref name="type"/> is, through any names, or null.</summary>
    internal static WitResource? ResourceOf(object? type)
    {
        while (type is WitNamed named)
        {
            type = named.Target;
        }

        return type as WitResource;
    }

    private WitType ValType(ValTypeSyntax syntax, Scope scope)
    {
        if (syntax.Primitive is { } primitive)
        {
            if (primitive == "error-context")
            {
                Report("error-context", syntax.Offset, "the type 'error-context' is not supported");
            }

            return WitPrimitive.Of(primitive);
        }

        return TypeAt(scope, syntax.Index, syntax.Offset) as WitType
            ?? throw new ComponentFormatException($"type {syntax.Index} used as a value type at offset {syntax.Offset} is not a value type");
    }

    private InstanceShape Shape(InstanceTypeSyntax syntax, Scope scope)
    {
        var inner = new Scope(scope, null);
        var exports = new List<(string, object?)>();
        foreach (DeclarationSyntax declaration in syntax.Declarations)
        {
            switch (declaration)
            {
                case CoreTypeDeclaration:
                    inner.Add(Sort.CoreType, new PlaceholderItem("core type"));
                    break;
                case TypeDeclaration type:
                    inner.Add(Sort.Type, new TypeItem(Type(type.Type, inner, null)));
                    break;
                case AliasDeclaration alias:
                    inner.Add(alias.Alias.Sort, Alias(alias.Alias, inner));
                    break;
                case ImportDeclaration import:
                    inner.Add(import.Type.Sort, Declared(import.Name, import.Type, inner));
                    break;
                case ExportDeclaration export:
                    Item item = Declared(export.Name, export.Type, inner);
                    exports.Add((export.Name, item switch
                    {
                        TypeItem t => t.Value,
                        FuncItem f => f.Type,
                        InstanceItem => TypeAt(inner, export.Type.Index, export.Type.Offset),
                        _ => null,
                    }));
                    inner.Add(export.Type.Sort, item);
                    break;
            }
        }

        return new InstanceShape(exports);
    }

    /// <summary>The item an import or export declarator introduces into a type scope.</summary>
    private Item Declared(string name, ExternSyntax type, Scope scope)
    {
        switch (type.Sort)
        {
            case Sort.Type:
                return new TypeItem(type.SubResource ? new WitResource(name, defined: false, null) : new WitNamed(name, TypeAt(scope, type.Index, type.Offset) as WitType
                    ?? throw new ComponentFormatException($"the type bound of '{name}' at offset {type.Offset} is not a value type")));
            case Sort.Func:
                return TypeAt(scope, type.Index, type.Offset) is WitFunction function
                    ? new FuncItem(function, null, null)
                    : throw new ComponentFormatException($"the function '{name}' at offset {type.Offset} does not have a function type");
            case Sort.Instance:
                return TypeAt(scope, type.Index, type.Offset) is InstanceShape shape ? Instance(null, shape) : new PlaceholderItem("instance");
            default:
                return new PlaceholderItem(Scope.SortName(type.Sort));
        }
    }

    /// <summary>An instance of <paramref name="shape"/>: functions imported from the host under <paramref name="interfaceName"/>.</summary>
    private static InstanceItem Instance(string? interfaceName, InstanceShape shape)
    {
        var items = new List<(string, Item)>();
        foreach ((string name, object? declared) in shape.Exports)
        {
            items.Add((name, declared switch
            {
                WitFunction f => new FuncItem(f, interfaceName is null ? null : new ImportedFunction(interfaceName, name, f), null),
                InstanceShape nested => Instance(null, nested),
                _ => new TypeItem(declared),
            }));
        }

        return new InstanceItem(items);
    }

    private Item RootImport(ImportDefinition import, Scope scope)
    {
        ExternSyntax type = import.Type;
        switch (type.Sort)
        {
            case Sort.Func:
                var function = TypeAt(scope, type.Index, type.Offset) as WitFunction
                    ?? throw new ComponentFormatException($"import '{import.Name}' at offset {import.Offset} does not have a function type");
                CheckName(import.Name, import.Offset);
                return new FuncItem(function, new ImportedFunction(null, import.Name, function), null);
            case Sort.Instance when TypeAt(scope, type.Index, type.Offset) is InstanceShape shape:
                foreach ((string name, object? declared) in shape.Exports)
                {
                    if (declared is InstanceShape)
                    {
                        Report("instance", import.Offset, $"import '{import.Name}' exports an instance '{name}'; nested instances are not supported");
                    }
                    else if (declared is WitFunction)
                    {
                        CheckName(name, import.Offset);
                    }
                }

                return Instance(import.Name, shape);
            case Sort.Type:
                return Declared(import.Name, type, scope);
            default:
                Report("import", import.Offset, $"import '{import.Name}' is a {Scope.SortName(type.Sort)}; Bindgen binds imported functions and interfaces only");
                return new PlaceholderItem(Scope.SortName(type.Sort));
        }
    }

    /// <summary>Async functions are recognised by their names' annotations (a resource's functions, <c>[method]</c> and the rest, are bound).</summary>
    private void CheckName(string name, int offset)
    {
        if (name.StartsWith("[async", System.StringComparison.Ordinal))
        {
            Report("async", offset, $"'{name}' is an async function, which is not supported yet");
        }
    }

    private FuncItem Lift(CanonLift lift, Scope scope)
    {
        CoreDef core = CoreDefinition(scope, Sort.CoreFunc, lift.CoreFunc, lift.Offset);
        var function = TypeAt(scope, lift.Type, lift.Offset) as WitFunction
            ?? throw new ComponentFormatException($"canon lift at offset {lift.Offset} names type {lift.Type}, which is not a function type");
        CanonicalOptions options = Options(lift.Options, scope, lift.Offset, "canon lift");
        return new FuncItem(function, null, new LiftedExport(null, string.Empty, function, core, options));
    }

    private CoreDefItem Lower(CanonLower lower, Scope scope)
    {
        var func = scope.Get(Sort.Func, lower.Func, lower.Offset) as FuncItem
            ?? throw new ComponentFormatException($"canon lower at offset {lower.Offset} names func {lower.Func}, which is not a function");
        CanonicalOptions options = Options(lower.Options, scope, lower.Offset, "canon lower");
        if (func.Import is not { } import)
        {
            return Adapt(lower, func, options);
        }

        int number = Lowerings++;
        Plan.Add(new LowerStep(number, import.Interface, import.Name, func.Type, options));
        return new CoreDefItem(new CoreDef("lowered", -1, string.Empty, number));
    }

    private CanonicalOptions Options(CanonOptions options, Scope scope, int offset, string what)
    {
        if (options.Async || options.Callback is not null)
        {
            Report("async", offset, $"{what} is async, which is not supported yet");
        }

        return new CanonicalOptions(
            options.Memory is { } m ? CoreDefinition(scope, Sort.CoreMemory, m, offset) : null,
            options.Realloc is { } r ? CoreDefinition(scope, Sort.CoreFunc, r, offset) : null,
            options.PostReturn is { } p ? CoreDefinition(scope, Sort.CoreFunc, p, offset) : null,
            options.Encoding);
    }
}
