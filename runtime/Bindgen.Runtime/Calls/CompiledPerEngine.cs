using System;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// What an assembly embeds, compiled once per <see cref="Engine"/>: embedded core modules and embedded components share
/// this cache. Keyed on the engine, so a disposed, unreachable engine takes what was compiled for it along; two threads
/// asking at once compile once (<see cref="Lazy{T}"/>); a failed compilation is not cached.
/// </summary>
/// <typeparam name="T">What is compiled: a module or a component.</typeparam>
// The annotation is Lazy<T>'s own (it may construct T); no T here is ever constructed that way.
internal sealed class CompiledPerEngine<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>
{
    private readonly ConditionalWeakTable<Engine, ConcurrentDictionary<(Assembly Assembly, string Name), Lazy<T>>> _cache = new();
    private readonly Func<Engine, Assembly, string, T> _load;

    /// <param name="load">Reads the embedded resource and compiles it for the engine.</param>
    public CompiledPerEngine(Func<Engine, Assembly, string, T> load) => _load = load;

    /// <summary>The compiled <paramref name="fileName"/> embedded in <paramref name="assembly"/>, for <paramref name="engine"/>.</summary>
    public T Get(Engine engine, Assembly assembly, string fileName)
    {
        ConcurrentDictionary<(Assembly, string), Lazy<T>> compiled = _cache.GetOrCreateValue(engine);
        Lazy<T> entry = compiled.GetOrAdd((assembly, fileName), key => new Lazy<T>(() => _load(engine, key.Item1, key.Item2)));
        try
        {
            return entry.Value;
        }
        catch
        {
            compiled.TryRemove(new System.Collections.Generic.KeyValuePair<(Assembly, string), Lazy<T>>((assembly, fileName), entry));
            throw;
        }
    }
}
