using System;
using System.Collections.Generic;
using System.Numerics;
using NUnit.Framework;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>JsConvert: .NET values to the JavaScript values a module reads, and back, with typed errors.</summary>
public sealed class JsConvertTests
{
    [Test]
    public void Numbers_become_javascript_numbers_and_big_longs_bigints()
    {
        Assert.That(JsConvert.ToJs(3), Is.EqualTo(3d));
        Assert.That(JsConvert.ToJs(2.5f), Is.EqualTo(2.5d));
        Assert.That(JsConvert.ToJs(9007199254740991L), Is.EqualTo(9007199254740991d));
        Assert.That(JsConvert.ToJs(9007199254740993L), Is.EqualTo(new BigInteger(9007199254740993L)));
        Assert.That(JsConvert.ToJs(ulong.MaxValue), Is.EqualTo(new BigInteger(ulong.MaxValue)));
        Assert.That(JsConvert.ToJs('x'), Is.EqualTo("x"));
    }

    [Test]
    public void Dictionaries_are_objects_and_sequences_arrays_recursively()
    {
        var value = (JsObject)JsConvert.ToJs(new Dictionary<string, object?> { ["b"] = new[] { 1, 2 }, ["a"] = new Dictionary<string, int> { ["2"] = 2, ["1"] = 1 } })!;
        Assert.That(value["b"], Is.EqualTo(new List<object?> { 1d, 2d }));
        var inner = (JsObject)value["a"]!;
        Assert.That(inner.Properties[0].Key, Is.EqualTo("1"), "integer-like keys first, ascending, as JavaScript orders them");
        Assert.That(value.Properties[0].Key, Is.EqualTo("b"), "other keys as inserted");
        Assert.That(JsConvert.ToJs(new byte[] { 1, 2 }), Is.TypeOf<JsUint8Array>());
    }

    [Test]
    public void A_class_without_a_generated_mapping_is_refused()
    {
        Assert.That(() => JsConvert.ToJs(new Version(1, 2)), Throws.ArgumentException.With.Message.Contains("Version"));
    }

    [Test]
    public void Results_convert_to_the_declared_type_or_fail_typed()
    {
        Assert.That(JsConvert.FromJs<int>(7d, "op"), Is.EqualTo(7));
        Assert.That(JsConvert.FromJs<int?>(JsUndefined.Value, "op"), Is.Null);
        Assert.That(JsConvert.FromJs<byte[]>(new List<object?> { 1d, 255d }, "op"), Is.EqualTo(new byte[] { 1, 255 }));
        Assert.That(JsConvert.FromJs<object>(JsUndefined.Value, "op"), Is.SameAs(JsUndefined.Value));
        Assert.That(() => JsConvert.FromJs<int>(7.5, "op"), Throws.TypeOf<GuestProtocolException>().With.Message.Contains("7.5"));
        Assert.That(() => JsConvert.FromJs<uint>(-1d, "op"), Throws.TypeOf<GuestProtocolException>());
        Assert.That(() => JsConvert.FromJs<string>(1d, "op"), Throws.TypeOf<GuestProtocolException>().With.Message.Contains("number"));
        Assert.That(JsConvert.ToDictionary(new JsObject { ["a"] = 1d }, "op", v => JsConvert.FromJs<long>(v, "op")), Is.EqualTo(new Dictionary<string, long> { ["a"] = 1 }));
        Assert.That(() => JsConvert.ToList(new JsObject(), "op", v => v), Throws.TypeOf<GuestProtocolException>());
    }

    [Test]
    public void A_set_keeps_each_value_once_in_insertion_order_as_SameValueZero_compares()
    {
        var marker = new JsObject();
        var set = new JsSet(new object?[] { "a", 1d, "a", double.NaN, -0d, 0d, double.NaN, marker, new JsObject(), marker, null, JsUndefined.Value });
        Assert.That(set.Count, Is.EqualTo(8), "a, 1, NaN, 0, marker, another object, null, undefined");
        Assert.That(set.Values[0], Is.EqualTo("a"));
        Assert.That(double.IsNegative((double)set.Values[3]!), Is.False, "-0 is stored as +0");
        Assert.That(set.Has(double.NaN) && set.Has(-0d) && set.Has(marker) && !set.Has(new JsObject()) && !set.Has("b"), Is.True);
        Assert.That(JsConvert.ToJs(set), Is.SameAs(set), "a set crosses as itself");
        Assert.That(set.ToString(), Is.EqualTo("[object Set]"));
    }
}
