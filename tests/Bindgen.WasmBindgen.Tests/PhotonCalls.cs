using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// Calls of @silvia-odwyer/photon-node as npm/photon.mjs takes them (a glue function name and JSON arguments), and
/// the same calls made through the generated binding by reflection over <see cref="IPhoton"/>, each result encoded
/// as the script encodes it, so the two hosts' answers compare as text.
/// </summary>
public static class PhotonCalls
{
    /// <summary>The glue function a method of the binding calls: its [WasmExport] name, else its name in snake_case.</summary>
    public static string GlueName(MethodInfo method) =>
        method.GetCustomAttribute<WasmExportAttribute>()?.Name ?? string.Concat(method.Name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>Every free function of the binding, twice: with small and with larger arguments of each type (some panic in both hosts).</summary>
    public static IEnumerable<(string Function, JsonArray Args)> FreeFunctionCalls()
    {
        foreach (MethodInfo method in typeof(IPhoton).GetMethods().Where(m => !GlueName(m).Contains('.')).OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            for (int variant = 0; variant < 2; variant++)
            {
                int images = 0;
                var args = new JsonArray(method.GetParameters().Select(p => Argument(p.ParameterType, variant, ref images)).ToArray());
                yield return (GlueName(method), args);
            }
        }
    }

    /// <summary>Image width and height of the call's first and second image arguments (the second smaller, as blend and watermark need).</summary>
    public static JsonNode Image(int width, int height, int seed)
    {
        byte[] pixels = Enumerable.Range(0, width * height * 4).Select(i => (byte)((i * 37 + seed * 11) % 256)).ToArray();
        return new JsonObject { ["img"] = new JsonObject { ["w"] = width, ["h"] = height, ["b"] = Convert.ToBase64String(pixels) } };
    }

    private static JsonNode? Argument(Type type, int variant, ref int images)
    {
        if (type == typeof(IPhoton.IPhotonImage))
        {
            return images++ == 0 ? Image(8, 6, variant) : Image(4, 3, variant + 5);
        }

        return type == typeof(IPhoton.IRgb) ? new JsonObject { ["rgb"] = variant == 0 ? new JsonArray(200, 100, 50) : new JsonArray(10, 20, 30) }
            : type == typeof(IPhoton.IRgba) ? new JsonObject { ["rgba"] = variant == 0 ? new JsonArray(200, 100, 50, 255) : new JsonArray(10, 20, 30, 40) }
            : type == typeof(int) ? JsonValue.Create(variant == 0 ? 1 : 2)
            : type == typeof(long) ? new JsonObject { ["big"] = variant == 0 ? 1 : 2 }
            : type == typeof(float) || type == typeof(double) ? JsonValue.Create(variant == 0 ? 0.5 : 1.5)
            : type == typeof(string) ? new JsonObject { ["s"] = variant == 0 ? "overlay" : "multiply" }
            : type == typeof(byte[]) ? new JsonObject { ["b"] = Convert.ToBase64String(PackageTests.SamplePng(4 + variant)) }
            : throw new ArgumentException("no argument of type " + type);
    }

    /// <summary>Makes one call through <paramref name="photon"/> as photon.mjs makes it in Node; the answer as photon.mjs writes it.</summary>
    public static string Run(IPhoton photon, string function, JsonArray args)
    {
        var made = new List<IDisposable>();
        JsonObject answer = Call(photon, function, args, made);
        FreeAll(made, answer);
        return answer.ToJsonString();
    }

    /// <summary>Disposes the instances a call made, as the Node side frees them; errors and traps go to <c>answer["free"]</c>.</summary>
    internal static void FreeAll(IEnumerable<IDisposable> made, JsonObject answer)
    {
        var freeErrors = new JsonArray();
        foreach (IDisposable instance in made)
        {
            try
            {
                instance.Dispose();
            }
            catch (JsException e)
            {
                freeErrors.Add(e.Message);
            }
            catch (GuestTrapException)
            {
                freeErrors.Add("trap");
            }
        }

        if (freeErrors.Count > 0)
        {
            answer["free"] = freeErrors;
        }
    }

    private static JsonObject Call(IPhoton photon, string function, JsonArray args, List<IDisposable> made)
    {
        try
        {
            (MethodInfo method, bool onInstance, JsonNode?[] values) = Resolve(function, args);
            ParameterInfo[] parameters = method.GetParameters();
            // In the order Node makes them: the instance a method is called on first.
            object target = onInstance ? Value(photon, method.DeclaringType!, values[0], made)! : photon;
            var arguments = new object?[values.Length - (onInstance ? 1 : 0)];
            for (int i = 0; i < arguments.Length; i++)
            {
                arguments[i] = Value(photon, parameters[i].ParameterType, values[values.Length - arguments.Length + i], made);
            }

            object? result;
            try
            {
                result = method.Invoke(target, arguments);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }

            IEnumerable<object?> all = onInstance ? arguments.Prepend(target) : arguments;
            var images = new JsonArray(all.OfType<IPhoton.IPhotonImage>().Select(Pixels).Where(p => p is not null).ToArray());
            JsonNode? encoded = Encode(result);
            if (result is IDisposable disposable)
            {
                made.Add(disposable);
            }

            return new JsonObject { ["ok"] = new JsonObject { ["result"] = encoded, ["images"] = images } };
        }
        catch (JsException e)
        {
            return new JsonObject { ["error"] = e.Message };
        }
        catch (GuestTrapException)
        {
            return new JsonObject { ["trap"] = true };
        }
    }

    private static (MethodInfo Method, bool OnInstance, JsonNode?[] Values) Resolve(string function, JsonArray args)
    {
        // Parsed from text, as Node reads them: numbers then convert to any C# numeric type.
        JsonNode?[] values = JsonNode.Parse(args.ToJsonString())!.AsArray().ToArray();
        MethodInfo? onBinding = typeof(IPhoton).GetMethods().FirstOrDefault(m => GlueName(m) == function);
        if (onBinding is not null)
        {
            return (onBinding, false, values);
        }

        // Class.method, called on the first argument.
        string[] parts = function.Split('.');
        Type type = typeof(IPhoton).GetNestedType("I" + parts[0]) ?? throw new ArgumentException("no class " + parts[0]);
        MethodInfo method = type.GetMethods().First(m => GlueName(m) == parts[1]);
        return (method, true, values);
    }

    private static object? Value(IPhoton photon, Type type, JsonNode? node, List<IDisposable> made)
    {
        IDisposable Made(IDisposable instance)
        {
            made.Add(instance);
            return instance;
        }

        if (node is JsonObject o)
        {
            return o["s"] is { } s ? s.GetValue<string>()
                : o["b"] is { } b ? Convert.FromBase64String(b.GetValue<string>())
                : o["big"] is { } big ? (object)big.GetValue<long>()
                : o["img"] is JsonObject img ? Made(photon.NewPhotonImage(Convert.FromBase64String(img["b"]!.GetValue<string>()), img["w"]!.GetValue<int>(), img["h"]!.GetValue<int>()))
                : o["rgb"] is JsonArray rgb ? Made(photon.NewRgb(rgb[0]!.GetValue<int>(), rgb[1]!.GetValue<int>(), rgb[2]!.GetValue<int>()))
                : o["rgba"] is JsonArray rgba ? Made(photon.NewRgba(rgba[0]!.GetValue<int>(), rgba[1]!.GetValue<int>(), rgba[2]!.GetValue<int>(), rgba[3]!.GetValue<int>()))
                : throw new ArgumentException("unknown argument " + o.ToJsonString());
        }

        return type == typeof(int) ? (object)node!.GetValue<int>()
            : type == typeof(float) ? (object)(float)node!.GetValue<double>()
            : type == typeof(double) ? (object)node!.GetValue<double>()
            : throw new ArgumentException($"no {type} from {node?.ToJsonString()}");
    }

    private static JsonNode? Pixels(IPhoton.IPhotonImage image)
    {
        try
        {
            return new JsonObject { ["b"] = Convert.ToBase64String(image.GetRawPixels()) };
        }
        catch (ObjectDisposedException)
        {
            return null; // moved into the call: Node skips it too (its pointer is 0)
        }
    }

    private static JsonNode? Encode(object? value) => value switch
    {
        null => null,
        string s => new JsonObject { ["s"] = s },
        byte[] b => new JsonObject { ["b"] = Convert.ToBase64String(b) },
        IPhoton.IPhotonImage image => new JsonObject { ["img"] = new JsonObject { ["w"] = image.GetWidth(), ["h"] = image.GetHeight(), ["b"] = Convert.ToBase64String(image.GetRawPixels()) } },
        IPhoton.IRgba c => new JsonObject { ["rgba"] = new JsonArray(c.GetRed(), c.GetGreen(), c.GetBlue(), c.GetAlpha()) },
        IPhoton.IRgb c => new JsonObject { ["rgb"] = new JsonArray(c.GetRed(), c.GetGreen(), c.GetBlue()) },
        uint u => JsonValue.Create(u),
        int i => JsonValue.Create(i),
        float f => JsonValue.Create((double)f),
        double d => JsonValue.Create(d),
        _ => throw new ArgumentException("no encoding for " + value.GetType()),
    };
}
