using Bindgen.Internals;
using NUnit.Framework;

namespace Bindgen.Integration.Tests;

/// <summary>
/// The runtime's JSON.stringify for wasm-bindgen imports quotes strings as ECMAScript's QuoteJSONString does; the
/// expected texts are what Node prints for <c>JSON.stringify(s)</c> of each input.
/// </summary>
public sealed class JsJsonTests
{
    [TestCase("plain", "\"plain\"")]
    [TestCase("q\"b\\", "\"q\\\"b\\\\\"")]
    [TestCase("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"")]
    [TestCase("\u0001\u001f", "\"\\u0001\\u001f\"")]
    [TestCase("é/<>&\u2028", "\"é/<>&\u2028\"")]
    [TestCase("\ud83d\ude00", "\"\ud83d\ude00\"")]
    public void Strings_are_quoted_as_JSON_stringify_quotes_them(string value, string expected) =>
        Assert.That(JsJson.Stringify(value, "test"), Is.EqualTo(expected));

    /// <summary>Lone surrogates are built in code: an attribute's string argument is stored as UTF-8, which cannot hold one.</summary>
    [Test]
    public void Lone_surrogates_are_escaped_as_JSON_stringify_escapes_them()
    {
        Assert.That(JsJson.Stringify("a" + (char)0xD800 + "b", "test"), Is.EqualTo("\"a\\ud800b\""));
        Assert.That(JsJson.Stringify(new string(new[] { (char)0xDC00, (char)0xD800 }), "test"), Is.EqualTo("\"\\udc00\\ud800\""));
    }
}
