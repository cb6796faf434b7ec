using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Reflection;
using System.Text.Json.Nodes;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>One package of the suite as BindgenPackage binds it: the generated interface and its <c>…Package</c> class.</summary>
/// <param name="Key">The package's name in npm/packages.mjs.</param>
/// <param name="Npm">The npm package and version.</param>
/// <param name="Interface">The generated interface.</param>
/// <param name="Package">The generated static class (LoadModule, Instantiate, Bound, NotBound).</param>
/// <param name="Create">Instantiates the binding, for a package that needs more than the engine and store (its snippets' implementation).</param>
public sealed record BoundPackage(string Key, string Npm, Type Interface, Type Package, Func<Engine, Store, object>? Create = null)
{
    public IReadOnlyDictionary<string, string> Bound => (IReadOnlyDictionary<string, string>)Package.GetProperty("Bound")!.GetValue(null)!;

    public IReadOnlyDictionary<string, string> NotBound => (IReadOnlyDictionary<string, string>)Package.GetProperty("NotBound")!.GetValue(null)!;

    public object Instantiate(Engine engine, Store store) =>
        Create?.Invoke(engine, store) ?? Package.GetMethod("Instantiate")!.Invoke(null, new object?[] { engine, store, null })!;

    /// <summary>The suite's packages, in the report's order.</summary>
    public static readonly BoundPackage[] All =
    {
        new("snappy", "snappy-wasm 0.3.0", typeof(FromPackage.ISnappy), typeof(FromPackage.SnappyPackage)),
        new("oxipng", "@jsquash/oxipng 2.3.0", typeof(FromPackage.ISquooshOxipng), typeof(FromPackage.SquooshOxipngPackage)),
        new("sql", "@wasm-fmt/sql_fmt 0.2.2", typeof(FromPackage.ISqlFmt), typeof(FromPackage.SqlFmtPackage)),
        new("jieba", "jieba-wasm 2.4.0", typeof(FromPackage.IJiebaRsWasm), typeof(FromPackage.JiebaRsWasmPackage)),
        new("brotli", "wasm-brotli 2.0.2", typeof(FromPackage.IWasmBrotliNodejs), typeof(FromPackage.WasmBrotliNodejsPackage)),
        new("photon", "@silvia-odwyer/photon-node 0.3.4", typeof(FromPackage.IPhotonRs), typeof(FromPackage.PhotonRsPackage)),
        new("tiktoken", "@dqbd/tiktoken 1.0.22", typeof(FromPackage.ITiktokenModule), typeof(FromPackage.TiktokenModulePackage)),
        new("brotliwasm", "brotli-wasm 3.0.1", typeof(FromPackage.IBrotliWasm), typeof(FromPackage.BrotliWasmPackage)),
        new("farmhash", "farmhash-modern 1.1.0", typeof(FromPackage.IFarmhashModern), typeof(FromPackage.FarmhashModernPackage)),
        new("swc", "@swc/wasm-typescript 1.16.2", typeof(FromPackage.ISwcWasmTypescript), typeof(FromPackage.SwcWasmTypescriptPackage)),
        new("rollup", "@rollup/wasm-node 4.68.4", typeof(FromPackage.IBindingsWasm), typeof(FromPackage.BindingsWasmPackage)),
        new("toml", "@rainbowatcher/toml-edit-js 0.6.5", typeof(FromPackage.ITomlEdit), typeof(FromPackage.TomlEditPackage)),
        new("rxing", "rxing-wasm 0.5.7", typeof(FromPackage.IRxingWasm), typeof(FromPackage.RxingWasmPackage)),
        new("ywasm", "ywasm 0.18.3", typeof(FromPackage.IYwasm), typeof(FromPackage.YwasmPackage)),
        new("automerge", "@automerge/automerge-wasm 0.17.0", typeof(FromPackage.IAutomergeWasm), typeof(FromPackage.AutomergeWasmPackage)),
        new("loro", "loro-crdt 1.17.1", typeof(FromPackage.ILoroWasm), typeof(FromPackage.LoroWasmPackage), (engine, store) => FromPackage.LoroWasmPackage.Instantiate(engine, store, new LoroSnippets())),
    };
}

/// <summary>
/// Makes calls of npm/packages.mjs's form (a package, a glue name, JSON arguments) through the bindings BindgenPackage
/// generated, by reflection over them, and encodes each answer as the script does, so the two hosts compare as text.
/// </summary>
public sealed class FromPackageDriver
{
    private readonly Dictionary<string, (BoundPackage Package, object Binding)> _bindings;
    private readonly JsonObject _readBack;
    private readonly List<object?> _values = new();
    private string _current = string.Empty;
    private List<IDisposable> _made = new();
    private JsonArray _callbackReads = new();

    public FromPackageDriver(Engine engine, Store store, JsonObject readBack)
    {
        _bindings = BoundPackage.All.ToDictionary(p => p.Key, p => (p, p.Instantiate(engine, store)));
        _readBack = readBack;
    }

    /// <summary>Makes one call; its answer as packages.mjs writes it.</summary>
    public string Run(string package, string function, JsonArray args)
    {
        _made = new List<IDisposable>();
        _callbackReads = new JsonArray();
        object? value = null;
        JsonObject answer = Attempt(() =>
        {
            // Parsed from text, as Node reads them: numbers then convert to any C# numeric type.
            object?[] decoded = Decode(package, function, JsonNode.Parse(args.ToJsonString())!.AsArray());
            value = Invoke(package, function, decoded);
            if (value is System.Threading.Tasks.Task task)
            {
                // An async export: the task is settled when the call returns (its microtasks ran on this thread).
                Assert.That(task.IsCompleted, Is.True, $"{package}.{function} returned a task still running");
                value = Awaited(task);
                return new JsonObject { ["result"] = new JsonObject { ["promise"] = Encode(package, value) }, ["after"] = new JsonArray() };
            }

            if (value is IDisposable instance)
            {
                _made.Add(instance);
            }

            JsonNode? result = Encode(package, value);
            var after = new JsonArray(decoded.OfType<IDisposable>().Where(Alive).Select(i => ReadBack(package, i)).ToArray());
            // A JavaScript function result (loro's unsubscribe): JSON.stringify leaves it out of Node's answer.
            return value?.GetType().Name == "JsFunction" ? new JsonObject { ["after"] = after } : new JsonObject { ["result"] = result, ["after"] = after };
        });
        _values.Add(value);
        if (_callbackReads.Count > 0)
        {
            answer["callbacks"] = _callbackReads;
        }

        PhotonCalls.FreeAll(_made, answer);
        return answer.ToJsonString();
    }

    /// <summary>A settled task's value; its exception (a rejection) thrown as it is.</summary>
    private static object? Awaited(System.Threading.Tasks.Task task)
    {
        if (task.IsFaulted)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(task.Exception!.InnerException!).Throw();
        }

        return task.GetType().GetProperty("Result")!.GetValue(task);
    }

    private static JsonObject Attempt(Func<JsonNode?> f)
    {
        try
        {
            return new JsonObject { ["ok"] = f() };
        }
        catch (TargetInvocationException e) when (e.InnerException is JsException js)
        {
            return new JsonObject { ["error"] = js.Message };
        }
        catch (TargetInvocationException e) when (e.InnerException is GuestTrapException)
        {
            return new JsonObject { ["trap"] = true };
        }
        catch (JsException e)
        {
            return new JsonObject { ["error"] = e.Message };
        }
        catch (GuestTrapException)
        {
            return new JsonObject { ["trap"] = true };
        }
        catch (Exception e) when (e is BindgenException or ArgumentException or InvalidCastException or ObjectDisposedException)
        {
            // What Node never answers: a mismatch the report counts, not an aborted run.
            return new JsonObject { ["host"] = e.GetType().Name + ": " + e.Message };
        }
    }

    /// <summary>
    /// The method <paramref name="name"/> of <paramref name="type"/>; of its overloads, the one without the optional
    /// JavaScript objects, which passes undefined for them as the Node side's call omits them.
    /// </summary>
    internal static MethodInfo Overload(Type type, string name, int arity = -1) =>
        type.GetMethods().Where(m => m.Name == name).OrderBy(m => m.GetParameters().Length == arity ? 0 : 1).ThenBy(m => m.GetParameters().Length).First();

    /// <summary>The C# member bound to a glue name: a method of the binding or of a class interface, or a property accessor.</summary>
    private (MemberInfo Member, bool OnInstance) Resolve(string package, string function, int arguments = -1)
    {
        BoundPackage p = _bindings[package].Package;
        string member = p.Bound.TryGetValue(function, out string? m) ? m : throw new ArgumentException($"{package}: '{function}' is not bound");
        if (!member.Contains('.'))
        {
            return (Overload(p.Interface, member, arguments), false);
        }

        string[] parts = member.Split('.');
        Type type = p.Interface.GetNestedType(parts[0])!;
        return function.Contains(".get ") || function.Contains(".set ") ? (type.GetProperty(parts[1])!, true) : (Overload(type, parts[1], arguments - 1), true);
    }

    /// <summary>
    /// Calls made on a new instance before it is used (text inserted, a key set, an observer added), as packages.mjs makes
    /// them: each step's arguments decoded after the instance ({ on: 0 } is the instance); a step with steps of its own
    /// keeps its result (freed after the call) and runs them on it.
    /// </summary>
    private void RunSteps(string package, object instance, JsonObject made)
    {
        foreach (JsonObject step in made["then"]?.AsArray().OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>())
        {
            string fn = step["fn"]!.GetValue<string>();
            object?[] rest = Decode(package, fn, new JsonArray(step["args"]!.AsArray().Select(a => a?.DeepClone()).Prepend(null).ToArray()), instance);
            object? result = Invoke(package, fn, rest);
            if (step["then"] is not null && result is IDisposable kept)
            {
                _made.Add(kept);
                RunSteps(package, kept, step);
            }
        }
    }

    private object?[] Decode(string package, string function, JsonArray args, object? first = null)
    {
        _current = package;
        (MemberInfo member, bool onInstance) = Resolve(package, function, args.Count);
        Type[] types = member switch
        {
            MethodInfo method => method.GetParameters().Select(x => x.ParameterType).ToArray(),
            PropertyInfo property => function.Contains(".set ") ? new[] { property.PropertyType } : Array.Empty<Type>(),
            _ => Array.Empty<Type>(),
        };
        if (onInstance)
        {
            types = types.Prepend(member.DeclaringType!).ToArray();
        }

        if (types.Length != args.Count)
        {
            throw new ArgumentException($"{package}.{function} takes {types.Length} arguments here, and the call has {args.Count}");
        }

        // In order: { on: i, fn, args } calls fn on the i-th argument already decoded, as packages.mjs does.
        var decoded = new List<object?>();
        for (int i = 0; i < args.Count; i++)
        {
            decoded.Add(i == 0 && first is not null ? first : Decode(types[i], args[i], decoded));
        }

        return decoded.ToArray();
    }

    private object? Decode(Type type, JsonNode? node, List<object?>? siblings = null)
    {
        if (node is JsonObject on && on["on"] is { } sibling && siblings is not null)
        {
            string fn = on["fn"]!.GetValue<string>();
            object?[] rest = Decode(_current, fn, new JsonArray(on["args"]!.AsArray().Select(a => a?.DeepClone()).Prepend(null).ToArray()));
            rest[0] = siblings[sibling.GetValue<int>()];
            object? made = Invoke(_current, fn, rest);
            if (made is IDisposable instance)
            {
                _made.Add(instance);
            }

            return made;
        }

        if (node is JsonObject o)
        {
            if (o["undef"] is not null)
            {
                return type == typeof(object) ? JsUndefined.Value : null;
            }

            if (o["ref"] is { } index)
            {
                return _values[index.GetValue<int>()];
            }

            if (o["make"] is JsonObject make)
            {
                string package = make["pkg"]!.GetValue<string>();
                string function = make["fn"]!.GetValue<string>();
                var instance = (IDisposable)Invoke(package, function, Decode(package, function, make["args"]!.AsArray()))!;
                _made.Add(instance);
                RunSteps(package, instance, make);
                return instance;
            }

            if (o["callback"] is JsonValue read && read.GetValueKind() == System.Text.Json.JsonValueKind.String)
            {
                // Reads every instance it is given while the callback runs (a lent event), as packages.mjs does.
                string package = _current;
                return new Func<object?[], object?>(args =>
                {
                    _callbackReads.Add(new JsonArray(args.Select(a => a is IDisposable instance ? ReadBack(package, instance, "events:") : Encode(package, a)).ToArray()));
                    return JsUndefined.Value;
                });
            }

            if (o["callback"] is not null)
            {
                return Callback(type);
            }

            if (o["map"] is JsonArray entries)
            {
                var map = new JsMap();
                foreach (JsonArray entry in entries.OfType<JsonArray>())
                {
                    map.Set(Decode(typeof(object), entry[0]), Decode(typeof(object), entry[1]));
                }

                return map;
            }

            if (o["obj"] is JsonObject properties)
            {
                return properties.ToDictionary(p => p.Key, p => Decode(typeof(object), p.Value));
            }

            if (o["s"] is { } s)
            {
                return s.GetValue<string>();
            }

            if (o["b"] is { } b)
            {
                return Convert.FromBase64String(b.GetValue<string>());
            }

            if (o["big"] is { } big)
            {
                BigInteger value = BigInteger.Parse(big.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
                return type == typeof(ulong) ? (object)(ulong)value : (long)value;
            }

            if (o["ta"] is not null)
            {
                Type element = type.GetElementType()!;
                JsonArray v = o["v"]!.AsArray();
                var array = Array.CreateInstance(element, v.Count);
                for (int i = 0; i < v.Count; i++)
                {
                    array.SetValue(Convert.ChangeType(v[i]!.ToString(), element, System.Globalization.CultureInfo.InvariantCulture), i);
                }

                return array;
            }

            throw new ArgumentException("unknown argument " + o.ToJsonString());
        }

        if (node is null)
        {
            return null;
        }

        if (node is JsonArray items)
        {
            // An any[] parameter, or a JavaScript array of values inside one (loro's roots option).
            IEnumerable<object?> decoded = items.Select(item => Decode(typeof(object), item));
            return type.IsArray ? decoded.ToArray() : decoded.ToList();
        }

        Type target = Nullable.GetUnderlyingType(type) ?? type;
        return target.IsEnum ? Enum.ToObject(target, node.GetValue<int>())
            : target == typeof(object) ? (node.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False ? node.GetValue<bool>() : node.GetValue<double>())
            : target == typeof(bool) ? node.GetValue<bool>()
            : Convert.ChangeType(node.GetValue<double>(), target, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A JavaScript function that returns undefined, as the binding declares it: untyped, or a typed delegate returning its default (falsy, as undefined is).</summary>
    private static Delegate Callback(Type type)
    {
        if (!typeof(Delegate).IsAssignableFrom(type) || type == typeof(Func<object?[], object?>) || type == typeof(Delegate) || type == typeof(object))
        {
            return new Func<object?[], object?>(_ => JsUndefined.Value);
        }

        MethodInfo invoke = type.GetMethod("Invoke")!;
        var parameters = invoke.GetParameters().Select(p => System.Linq.Expressions.Expression.Parameter(p.ParameterType, p.Name)).ToArray();
        System.Linq.Expressions.Expression body = invoke.ReturnType == typeof(void)
            ? System.Linq.Expressions.Expression.Empty()
            : invoke.ReturnType == typeof(object) ? System.Linq.Expressions.Expression.Constant(JsUndefined.Value, typeof(object)) : System.Linq.Expressions.Expression.Default(invoke.ReturnType);
        return System.Linq.Expressions.Expression.Lambda(type, body, parameters).Compile();
    }

    private object? Invoke(string package, string function, object?[] args)
    {
        (MemberInfo member, bool onInstance) = Resolve(package, function, args.Length);
        object target = onInstance ? args[0]! : _bindings[package].Binding;
        object?[] rest = onInstance ? args.Skip(1).ToArray() : args;
        try
        {
            switch (member)
            {
                case MethodInfo method:
                    return method.Invoke(target, rest);
                case PropertyInfo property when function.Contains(".set "):
                    property.SetValue(target, rest[0]);
                    return null;
                case PropertyInfo property:
                    return property.GetValue(target);
                default:
                    throw new ArgumentException(function);
            }
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>Whether the instance still holds its pointer (not moved into a call, not disposed), as Node's check of __wbg_ptr.</summary>
    private static bool Alive(IDisposable instance) =>
        (int)instance.GetType().GetField("_pointer", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(instance)! != 0;

    /// <summary>An instance read back as packages.mjs reads it: the members the read-back list names for its class, in order.</summary>
    private JsonObject ReadBack(string package, IDisposable instance, string prefix = "")
    {
        Type iface = instance.GetType().GetInterfaces().First(i => i != typeof(IDisposable) && i.DeclaringType is not null);
        BoundPackage p = _bindings[package].Package;
        string cls = FromPackageCalls.ClassOf(p, iface);
        var get = new JsonObject();
        var zero = new JsonObject();
        foreach (JsonNode? entry in (_readBack[prefix + package + ":" + cls] ?? _readBack[package + ":" + cls])?.AsArray() ?? new JsonArray())
        {
            string name = entry!.GetValue<string>();
            bool getter = name.StartsWith("get ", StringComparison.Ordinal);
            (MemberInfo member, _) = Resolve(package, cls + "." + name);
            JsonObject value = Attempt(() => Encode(package, member is PropertyInfo property ? Unwrap(() => property.GetValue(instance)) : Unwrap(() => ((MethodInfo)member).Invoke(instance, null))));
            (getter ? get : zero)[getter ? name.Substring(4) : name] = value;
        }

        return new JsonObject { ["cls"] = cls, ["get"] = get, ["zero"] = zero };
    }

    private static object? Unwrap(Func<object?> f)
    {
        try
        {
            return f();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private JsonNode? Encode(string package, object? value) => value switch
    {
        null or JsUndefined => null,
        string s => new JsonObject { ["s"] = s },
        byte[] b => new JsonObject { ["b"] = Convert.ToBase64String(b) },
        JsUint8Array a => new JsonObject { ["b"] = Convert.ToBase64String(a.Span.ToArray()) },
        long or ulong or BigInteger => new JsonObject { ["big"] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) },
        bool b => JsonValue.Create(b),
        Enum e => JsonValue.Create(Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture)),
        int or uint or short or ushort => JsonValue.Create(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        float f => JsonValue.Create((double)f),
        double d => JsonValue.Create(d),
        short[] or ushort[] or int[] or uint[] or float[] or double[] => new JsonObject { ["ta"] = TypedArrayName(value.GetType()), ["v"] = new JsonArray(((IEnumerable)value).Cast<object>().Select(x => JsonValue.Create(Convert.ToDouble(x, System.Globalization.CultureInfo.InvariantCulture))).ToArray<JsonNode?>()) },
        long[] or ulong[] => new JsonObject { ["ta"] = TypedArrayName(value.GetType()), ["v"] = new JsonArray(((IEnumerable)value).Cast<object>().Select(x => (JsonNode?)JsonValue.Create(Convert.ToString(x, System.Globalization.CultureInfo.InvariantCulture))).ToArray()) },
        JsObject o => new JsonObject { ["obj"] = new JsonObject(o.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new KeyValuePair<string, JsonNode?>(p.Key, Encode(package, p.Value)))) },
        JsMap map => new JsonObject { ["map"] = new JsonArray(map.Entries.Select(e => (JsonNode)new JsonArray(Encode(package, e.Key), Encode(package, e.Value))).ToArray()) },
        JsSet set => new JsonObject { ["set"] = new JsonArray(set.Values.Select(v => Encode(package, v)).ToArray()) },
        JsDate date => new JsonObject { ["date"] = date.Time },
        IDisposable instance => ReadBack(package, instance),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(x => Encode(package, x)).ToArray()),
        _ => JsonValue.Create(value.ToString()),
    };

    private static string TypedArrayName(Type type) => type.GetElementType()!.Name switch
    {
        "Int16" => "Int16Array",
        "UInt16" => "Uint16Array",
        "Int32" => "Int32Array",
        "UInt32" => "Uint32Array",
        "Int64" => "BigInt64Array",
        "UInt64" => "BigUint64Array",
        "Single" => "Float32Array",
        _ => "Float64Array",
    };
}
