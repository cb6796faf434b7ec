using System.Collections.Generic;
using Bindgen.Internals;
using NUnit.Framework;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// The object model js-sys's imports run on, for what automerge's session does not reach: each expectation is what
/// Node answers for the same JavaScript (written beside it), V8's TypeError messages included.
/// </summary>
public sealed class JsObjectModelTests
{
    private const string Import = "test";

    private static JsObject Descriptor(object? value, bool enumerable, bool writable, bool configurable)
    {
        var d = new JsObject();
        d["value"] = value;
        d["enumerable"] = enumerable;
        d["writable"] = writable;
        d["configurable"] = configurable;
        return d;
    }

    [Test]
    public void Symbol_for_returns_one_symbol_per_key_and_symbol_keyed_properties_are_kept_but_not_listed()
    {
        Assert.That(JsSymbol.For("k"), Is.SameAs(JsSymbol.For("k")));
        Assert.That(JsSymbol.For("k"), Is.Not.SameAs(JsSymbol.For("other")));
        var o = new JsObject();
        o["a"] = 1d;
        JsObjectFunctions.Write(o, JsSymbol.For("k"), "hidden", Import);            // o[Symbol.for('k')] = 'hidden'
        Assert.That(JsOperators.Get(o, JsSymbol.For("k"), Import), Is.EqualTo("hidden"));
        Assert.That(JsOperators.Has(JsSymbol.For("k"), o, Import), Is.True);
        Assert.That(JsObjectFunctions.EnumerableOwn(o, Import).ConvertAll(p => p.Key), Is.EqualTo(new[] { "a" }));   // Object.keys(o)
        Assert.That(JsObjectFunctions.OwnKeys(o, Import), Is.EqualTo(new object?[] { "a", JsSymbol.For("k") }));   // Reflect.ownKeys(o)
        Assert.That(JsJson.Stringify(o, Import), Is.EqualTo("{\"a\":1}"));
        Assert.That(JsReflect.SymbolProperties(o), Has.Count.EqualTo(1).And.Exactly(1).Matches<KeyValuePair<string, object?>>(p => p.Key == "Symbol(k)"));
    }

    [Test]
    public void DefineProperty_makes_hidden_read_only_and_non_configurable_properties()
    {
        var o = new JsObject();
        JsDefineProperty.Define(o, "h", Descriptor(5d, enumerable: false, writable: false, configurable: false), Import);
        Assert.That(JsOperators.Get(o, "h", Import), Is.EqualTo(5d));
        Assert.That(o.Properties, Is.Empty);                                                  // Object.keys(o) is []
        Assert.That(JsObjectFunctions.OwnKeys(o, Import), Is.EqualTo(new object?[] { "h" }));
        // 'use strict'; o.h = 6  ->  TypeError: Cannot assign to read only property 'h' of object '#<Object>'
        var e = Assert.Throws<JsException>(() => JsObjectFunctions.Write(o, "h", 6d, Import))!;
        Assert.That(e.Message, Is.EqualTo("Cannot assign to read only property 'h' of object '#<Object>'"));
        Assert.That(JsObjectFunctions.TrySet(o, "h", 6d), Is.False);                          // Reflect.set(o, 'h', 6)
        Assert.That(JsObjectFunctions.DeleteProperty(o, "h", Import), Is.False);              // Reflect.deleteProperty(o, 'h')
        e = Assert.Throws<JsException>(() => JsDefineProperty.Define(o, "h", Descriptor(7d, false, false, false), Import))!;
        Assert.That(e.Message, Is.EqualTo("Cannot redefine property: h"));
        Assert.That(JsDefineProperty.Define(o, "h", Descriptor(5d, false, false, false), Import), Is.SameAs(o), "the same value and attributes: allowed");
    }

    [Test]
    public void A_frozen_object_refuses_writes_additions_and_deletions()
    {
        var o = new JsObject();
        o["x"] = 1d;
        var list = new List<object?> { 1d };
        JsObjectFunctions.Freeze(o, Import);
        JsObjectFunctions.Freeze(list, Import);
        Assert.That(Assert.Throws<JsException>(() => JsObjectFunctions.Write(o, "x", 2d, Import))!.Message, Is.EqualTo("Cannot assign to read only property 'x' of object '#<Object>'"));
        Assert.That(Assert.Throws<JsException>(() => JsObjectFunctions.Write(o, "y", 2d, Import))!.Message, Is.EqualTo("Cannot add property y, object is not extensible"));
        Assert.That(Assert.Throws<JsException>(() => JsObjectFunctions.Write(list, 0d, 2d, Import))!.Message, Is.EqualTo("Cannot assign to read only property '0' of object '[object Array]'"));
        Assert.That(Assert.Throws<JsException>(() => JsArrayMethods.Find("push")!.Call(list, 2d))!.Message, Is.EqualTo("Cannot add property 1, object is not extensible"));
        Assert.That(JsObjectFunctions.DeleteProperty(o, "x", Import), Is.False);
        Assert.That(Assert.Throws<JsException>(() => JsDefineProperty.Define(o, "z", Descriptor(1d, true, true, true), Import))!.Message, Is.EqualTo("Cannot define property z, object is not extensible"));
        Assert.That((o["x"], list[0], JsReflect.IsFrozen(o)), Is.EqualTo((1d, 1d, true)));
        Assert.That(JsObjectFunctions.Freeze(3d, Import), Is.EqualTo(3d), "a primitive is returned as it is");
    }

    [Test]
    public void Assign_keys_values_apply_and_splice_behave_as_in_JavaScript()
    {
        var source = new JsObject();
        source["b"] = 2d;
        source["1"] = "one";
        JsObjectFunctions.Write(source, JsSymbol.For("s"), true, Import);
        var target = new JsObject();
        target["a"] = 1d;
        JsObjectFunctions.Assign(target, source, Import);                                     // Object.assign(target, source)
        Assert.That(JsObjectFunctions.EnumerableOwn(target, Import).ConvertAll(p => p.Key), Is.EqualTo(new[] { "1", "a", "b" }));
        Assert.That(JsOperators.Get(target, JsSymbol.For("s"), Import), Is.EqualTo(true));
        Assert.That(Assert.Throws<JsException>(() => JsObjectFunctions.Assign(JsUndefined.Value, source, Import))!.Message, Is.EqualTo("Cannot convert undefined or null to object"));

        var list = new List<object?> { "a", "b", "c", "d" };
        var splice = (JsFunction)JsOperators.Get(list, "splice", Import)!;                    // [a,b,c,d].splice(1, 2, 'x')
        object? removed = JsObjectFunctions.Apply(splice, list, new List<object?> { 1d, 2d, "x" }, reflect: true, Import);
        Assert.That((removed, list), Is.EqualTo((new List<object?> { "b", "c" }, new List<object?> { "a", "x", "d" })));
        Assert.That(Assert.Throws<JsException>(() => JsObjectFunctions.Apply(1d, null, new List<object?>(), reflect: true, Import))!.Message,
            Is.EqualTo("Function.prototype.apply was called on 1, which is a number and not a function"));
        Assert.That(JsObjectFunctions.UnaryPlus(new JsDate(12d), Import), Is.EqualTo(12d));    // +new Date(12)
        Assert.That(Assert.Throws<JsException>(() => JsObjectFunctions.UnaryPlus(new System.Numerics.BigInteger(1), Import))!.Message, Is.EqualTo("Cannot convert a BigInt value to a number"));
        Assert.That(JsObjectFunctions.NewDate("2024-01-02T03:04:05.006Z", Import).Time, Is.EqualTo(1704164645006d));
        Assert.That(double.IsNaN(JsObjectFunctions.NewDate(9e15, Import).Time), Is.True);      // beyond TimeClip
    }
}
