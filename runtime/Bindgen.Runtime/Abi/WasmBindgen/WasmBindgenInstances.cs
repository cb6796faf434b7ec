using System;
using System.Collections.Generic;
using Bindgen.WasmBindgen;

namespace Bindgen.Internals;

/// <summary>
/// An instance of an exported class as generated code holds it, seen as the JavaScript object the glue would make
/// (<c>Object.create(X.prototype)</c> with its <c>__wbg_ptr</c>): a C# instance passed where the module takes any
/// JavaScript value crosses as itself, and the module reads its pointer and getters through <c>Reflect.get</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IWasmBindgenInstance
{
    /// <summary>The exported class's JavaScript name.</summary>
    string ClassName { get; }

    /// <summary>The instance of the module it belongs to.</summary>
    WasmBindgenGuest Guest { get; }

    /// <summary>Its pointer, or 0 once it is disposed, moved into a call, or its loan to a callback ended (as the glue's <c>__wbg_ptr</c> reads 0 after <c>free()</c>).</summary>
    int LivePointer { get; }

    /// <summary>Reads one of the class's getters by its JavaScript name (<c>instance[name]</c>), converted to a JavaScript value.</summary>
    /// <param name="name">The getter's JavaScript name.</param>
    /// <param name="value">The value read.</param>
    /// <returns>Whether the class has that getter.</returns>
    bool TryGetJsProperty(string name, out object? value);

    /// <summary>Ends a loan to a callback: from now on the instance throws <see cref="ObjectDisposedException"/>, and is not freed by .NET.</summary>
    void EndLoan();
}

/// <summary>
/// Makes the generated class's instance for a pointer the module handed out as a JavaScript value
/// (<c>X.__wrap(ptr)</c> inside an import); null when the binding does not bind the class.
/// </summary>
/// <param name="className">The exported class's JavaScript name.</param>
/// <param name="pointer">The instance's pointer.</param>
/// <param name="lent">True for an instance lent to a callback (not freed by .NET, unusable once the callback returns); false for one .NET now owns.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate IWasmBindgenInstance? WasmBindgenInstanceFactory(string className, int pointer, bool lent);

/// <summary>Class instances the module hands out as JavaScript values, made into the generated classes' instances.</summary>
public sealed partial class WasmBindgenGuest
{
    /// <summary>The generated binding's factory of class instances; null for a binding without classes.</summary>
    public WasmBindgenInstanceFactory? Instances { get; set; }

    /// <summary>
    /// Gives the module each value of an array it will own (<c>passArrayJsValueToWasm0</c>: heap handles or externref-table
    /// slots), before the array itself is allocated; null stays null (an omitted optional array).
    /// </summary>
    /// <param name="values">The JavaScript values (already converted), or null.</param>
    /// <param name="operation">The call, for errors.</param>
    /// <returns>The handles or slots, to be written as the array's u32 elements.</returns>
    public int[]? AddValues(IReadOnlyList<object?>? values, string operation)
    {
        if (values is null)
        {
            return null;
        }

        var handles = new int[values.Count];
        for (int i = 0; i < handles.Length; i++)
        {
            handles[i] = AddValue(values[i], operation);
        }

        return handles;
    }

    /// <summary>
    /// A value the module returned, with every class instance it made through an import (<c>X.__wrap(ptr)</c>), at the
    /// top, in an array or a plain object, now an instance of the generated class that .NET owns (disposing it frees it).
    /// </summary>
    /// <param name="value">The value taken from the heap or table.</param>
    /// <param name="depth">How deep in the value this is (nesting is bounded).</param>
    internal object? Adopt(object? value, int depth = 0)
    {
        switch (value)
        {
            case JsClassInstance made:
                return made.Adopt(lent: false) ?? value;
            case List<object?> list when depth < 32:
                for (int i = 0; i < list.Count; i++)
                {
                    list[i] = Adopt(list[i], depth + 1);
                }

                return list;
            case JsObject o when depth < 32:
                // A plain object's values (a delta's inserted nodes); setting an existing key keeps its place.
                foreach (KeyValuePair<string, object?> property in new List<KeyValuePair<string, object?>>(o.Properties))
                {
                    if (property.Value is JsClassInstance or List<object?> or JsObject)
                    {
                        o[property.Key] = Adopt(property.Value, depth + 1);
                    }
                }

                return o;
            default:
                return value;
        }
    }
}

/// <summary>
/// An instance of one of the module's exported classes that the module handed to JavaScript as a value (<c>X.__wrap(ptr)</c>,
/// a callback's argument such as ywasm's transaction, an element of a returned array). Where it reaches .NET it becomes the
/// generated class's instance: lent to a callback for the callback's length, or owned when returned.
/// </summary>
internal sealed class JsClassInstance
{
    private readonly int _pointer;
    private IWasmBindgenInstance? _adopted;

    internal JsClassInstance(WasmBindgenGuest guest, string className, int pointer)
    {
        Guest = guest;
        ClassName = className;
        _pointer = pointer;
    }

    /// <summary>The instance of the module that made it.</summary>
    public WasmBindgenGuest Guest { get; }

    /// <summary>The exported class's name.</summary>
    public string ClassName { get; }

    /// <summary>The instance's pointer in the module's memory: 0 once .NET owns it and freed it.</summary>
    public int Pointer => _adopted is { } owner ? owner.LivePointer : _pointer;

    /// <summary>The generated class's instance .NET owns for it, once it reached .NET as a result.</summary>
    internal IWasmBindgenInstance? Owner => _adopted;

    /// <summary>
    /// The generated class's instance for it: the one .NET already owns, a new owned one (<paramref name="lent"/> false), or
    /// a new loan (true); null when the binding does not bind the class.
    /// </summary>
    internal IWasmBindgenInstance? Adopt(bool lent)
    {
        if (_adopted is not null)
        {
            return _adopted;
        }

        IWasmBindgenInstance? instance = Guest.Instances?.Invoke(ClassName, Pointer, lent);
        if (!lent)
        {
            _adopted = instance;
        }

        return instance;
    }

    /// <inheritdoc/>
    public override string ToString() => $"[object {ClassName}]";
}

/// <summary>The JavaScript view of class instances: <c>__wbg_ptr</c> (or <c>ptr</c> before 0.2.87) and the class's getters.</summary>
internal static class JsInstanceProperties
{
    public static bool TryGet(object? target, string name, out object? value)
    {
        switch (target)
        {
            case IWasmBindgenInstance instance:
                return Read(instance, name, out value);
            case JsClassInstance made when name is "__wbg_ptr" or "ptr":
                value = (double)(uint)made.Pointer;
                return true;
            case JsClassInstance { Owner: { } owner }:
                return Read(owner, name, out value);
            case JsClassInstance made when made.Adopt(lent: true) is { } loan:
                // A getter of an instance only JavaScript holds: read through a loan that ends with the read.
                try
                {
                    return Read(loan, name, out value);
                }
                finally
                {
                    loan.EndLoan();
                }

            default:
                value = null;
                return false;
        }
    }

    private static bool Read(IWasmBindgenInstance instance, string name, out object? value)
    {
        if (name is "__wbg_ptr" or "ptr")
        {
            value = (double)(uint)instance.LivePointer;
            return true;
        }

        return instance.TryGetJsProperty(name, out value);
    }
}
