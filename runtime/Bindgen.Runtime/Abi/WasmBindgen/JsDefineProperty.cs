using System.Collections.Generic;
using Bindgen.WasmBindgen;

namespace Bindgen.Internals;

/// <summary>
/// <c>Object.defineProperty(target, key, descriptor)</c> for data descriptors (<c>value</c>, <c>enumerable</c>,
/// <c>writable</c>, <c>configurable</c>; absent attributes false for a new property, kept for an existing one).
/// Accessor descriptors (<c>get</c>/<c>set</c>) are a TypeError here: Bindgen runs no getter a module defines.
/// </summary>
internal static class JsDefineProperty
{
    public static object? Define(object? target, object? key, object? descriptor, string import)
    {
        if (!JsObjectFunctions.IsObject(target))
        {
            throw TypeError(import, "Object.defineProperty called on non-object");
        }

        if (!JsObjectFunctions.IsObject(descriptor))
        {
            throw TypeError(import, $"Property description must be an object: {JsDisplay.ToJsString(descriptor)}");
        }

        if (JsOperators.Has("get", descriptor, import) || JsOperators.Has("set", descriptor, import))
        {
            throw TypeError(import, "Bindgen does not support accessor properties (Object.defineProperty with get or set)");
        }

        object k = JsOwnProperties.Key(key);
        bool? value = Attribute(descriptor, "value", import, out object? newValue);
        bool? enumerable = Flag(descriptor, "enumerable", import), writable = Flag(descriptor, "writable", import), configurable = Flag(descriptor, "configurable", import);
        JsOwnProperties own = JsOwnProperties.For(target!);
        JsProperty? current = JsOwnProperties.Find(target!, k) ?? Ordinary(target!, k, own);
        if (current is null)
        {
            if (own.Frozen)
            {
                throw TypeError(import, $"Cannot define property {JsOwnProperties.Describe(k)}, object is not extensible");
            }

            Store(target!, own, new JsProperty(k, value == true ? newValue : JsUndefined.Value, enumerable ?? false, writable ?? false, configurable ?? false), isNew: true);
            return target;
        }

        bool locked = own.Frozen || !current.Configurable;
        bool changes = (enumerable is { } e && e != current.Enumerable) || (configurable == true)
            || (!current.Writable && (writable == true || (value == true && !WasmBindgenOperations.StrictEquals(newValue, current.Value))));
        if (locked && changes)
        {
            throw TypeError(import, $"Cannot redefine property: {JsOwnProperties.Describe(k)}");
        }

        var updated = new JsProperty(k, value == true ? newValue : current.Value, enumerable ?? current.Enumerable, writable ?? current.Writable, configurable ?? current.Configurable);
        Store(target!, own, updated, isNew: false);
        return target;
    }

    /// <summary>An ordinary property of <paramref name="target"/> as a descriptor (enumerable; writable and configurable unless recorded otherwise), or null.</summary>
    private static JsProperty? Ordinary(object target, object key, JsOwnProperties own)
    {
        if (key is not string name || !JsObjectFunctions.HasOwn(target, name))
        {
            return null;
        }

        object? value = JsOperators.Get(target, name, "defineProperty");
        return own.Fixed.TryGetValue(name, out JsProperty? fixedOne)
            ? new JsProperty(name, value, true, fixedOne.Writable, fixedOne.Configurable)
            : new JsProperty(name, value, enumerable: true, writable: true, configurable: !(target is List<object?> && name == "length"));
    }

    /// <summary>
    /// Keeps the property where reads and listings find it: an enumerable string-keyed property of a plain object or an
    /// array index among the object's own properties (its attributes recorded when not the defaults), anything else hidden.
    /// </summary>
    private static void Store(object target, JsOwnProperties own, JsProperty property, bool isNew)
    {
        own.Hidden.RemoveAll(p => JsOwnProperties.SameKey(p.Key, property.Key));
        bool ordinary = property.Enumerable && property.Key is string name
            && (target is JsObject || (target is List<object?> && JsOperators.Index(name) is not null));
        if (!ordinary)
        {
            if (property.Key is string s && !isNew)
            {
                (target as JsObject)?.Remove(s);
                own.Fixed.Remove(s);
            }

            own.Hidden.Add(property);
            return;
        }

        string key = (string)property.Key;
        if (target is JsObject o)
        {
            o[key] = property.Value;
        }
        else if (target is List<object?> list && JsOperators.Index(key) is int i)
        {
            while (list.Count <= i)
            {
                list.Add(JsUndefined.Value);
            }

            list[i] = property.Value;
        }

        if (property.Writable && property.Configurable)
        {
            own.Fixed.Remove(key);
        }
        else
        {
            own.Fixed[key] = property;
        }
    }

    private static bool? Flag(object? descriptor, string name, string import) =>
        Attribute(descriptor, name, import, out object? value) == true ? WasmBindgenObjectOperations.Truthy(value) : null;

    /// <summary>Whether the descriptor has the attribute (<c>name in descriptor</c>), and its value.</summary>
    private static bool? Attribute(object? descriptor, string name, string import, out object? value)
    {
        bool has = JsOperators.Has(name, descriptor, import);
        value = has ? JsOperators.Get(descriptor, name, import) : JsUndefined.Value;
        return has;
    }

    private static JsException TypeError(string import, string message) => new(import, new JsError(message) { Name = "TypeError" });
}
