using System;
using System.Reflection;
using Bindgen.Internals;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>
/// Export calls made directly through Wasmtime's native library (ExportResolver with this Wasmtime) give exactly what
/// Wasmtime's typed delegates give: the same values at the edges of every number type, the same exceptions for traps
/// and for a disposed store. With <c>BINDGEN_DIRECT_PATHS=off</c> (the suite's second run) the same tests check that
/// the public API is what runs.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class DirectCallTests : GuestFixture
{
    public DirectCallTests(EngineSetting setting)
        : base(setting)
    {
    }

    /// <summary>Whether this run forces the direct paths off (the suite's second run).</summary>
    internal static bool ForcedOff =>
        Environment.GetEnvironmentVariable(WasmtimeCallPath.EnvironmentVariable)?.Trim().ToLowerInvariant() is "off" or "0" or "false";

    [Test]
    public void The_direct_path_is_taken_with_this_Wasmtime_unless_forced_off()
    {
        // Without this, every other test here would compare Wasmtime's delegate with itself: the probe must pass with
        // the Wasmtime the suite runs on.
        Assert.That(WasmtimeCallPath.Direct, Is.EqualTo(!ForcedOff), WasmtimeCallPath.Description);
        Assert.That(ExportResolver.CallsExportsDirectly, Is.EqualTo(!ForcedOff));
        Assert.That(WasmtimeCallPath.Description, ForcedOff ? Does.StartWith("public API").And.Contain("BINDGEN_DIRECT_PATHS") : Does.StartWith("direct"));
        Func<int, int, int> resolved = ResolveAddI32(Instantiate("types"));
        Assert.That(resolved.Method.DeclaringType!.Assembly, ForcedOff ? Is.SameAs(typeof(Function).Assembly) : Is.Not.SameAs(typeof(Function).Assembly));
    }

    [TestCase(0, 0)]
    [TestCase(int.MaxValue, 1)]
    [TestCase(int.MinValue, -1)]
    [TestCase(-7, 50)]
    public void Numbers_of_every_type_come_back_as_through_the_typed_delegate(int a, int b)
    {
        Instance instance = Instantiate("types");
        Assert.That(
            Resolve(instance, e => e.Func<int, int, int>("add_i32", "(i32, i32) -> i32"))(a, b),
            Is.EqualTo(instance.GetFunction("add_i32")!.WrapFunc<int, int, int>()!(a, b)));
        long wideA = ((long)a << 32) | (uint)b;
        Assert.That(
            Resolve(instance, e => e.Func<long, long, long>("add_i64", "(i64, i64) -> i64"))(wideA, b),
            Is.EqualTo(instance.GetFunction("add_i64")!.WrapFunc<long, long, long>()!(wideA, b)));
        float narrowA = a / 3f;
        float narrowB = b == 0 ? float.NaN : -b;
        Assert.That(
            BitConverter.SingleToInt32Bits(Resolve(instance, e => e.Func<float, float, float>("mul_f32", "(f32, f32) -> f32"))(narrowA, narrowB)),
            Is.EqualTo(BitConverter.SingleToInt32Bits(instance.GetFunction("mul_f32")!.WrapFunc<float, float, float>()!(narrowA, narrowB))));
        double doubleA = a * Math.PI;
        Assert.That(
            BitConverter.DoubleToInt64Bits(Resolve(instance, e => e.Func<double, double, double>("mul_f64", "(f64, f64) -> f64"))(doubleA, b)),
            Is.EqualTo(BitConverter.DoubleToInt64Bits(instance.GetFunction("mul_f64")!.WrapFunc<double, double, double>()!(doubleA, b))));
    }

    [Test]
    public void A_trap_is_the_exception_the_typed_delegate_throws()
    {
        Instance instance = Instantiate("types");
        Action direct = Resolve(instance, e => e.Action("trap_now", "() -> ()"));
        var fromDirect = Assert.Throws<TrapException>(() => direct())!;
        var fromTyped = Assert.Throws<TrapException>(() => instance.GetFunction("trap_now")!.WrapAction()!())!;
        Assert.That(fromDirect.Type, Is.EqualTo(fromTyped.Type));
        Assert.That(fromDirect.Message, Is.EqualTo(fromTyped.Message));
        Assert.That(fromDirect.Frames?.Count, Is.EqualTo(fromTyped.Frames?.Count));
        Assert.That(fromDirect.Type, Is.EqualTo(TrapCode.Unreachable));
    }

    [Test]
    public void A_disposed_store_is_refused_as_by_the_typed_delegate()
    {
        var store = new Store(Engine);
        var instance = new Instance(store, ModuleOf("types"));
        Func<int, int, int> direct = ResolveAddI32(instance);
        Func<int, int, int> typed = instance.GetFunction("add_i32")!.WrapFunc<int, int, int>()!;
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => direct(1, 2));
        Assert.Throws<ObjectDisposedException>(() => typed(1, 2));
    }

    [Test]
    public void A_delegate_Wasmtime_did_not_make_for_the_export_is_kept_as_it_is()
    {
        Instance instance = Instantiate("types");
        Func<int, int, int> own = (x, y) => x - y;
        Assert.That(Resolve(instance, e => e.Function("add_i32", "(i32, i32) -> i32", _ => own)), Is.SameAs(own));
        // Wasmtime's delegate for another export of the same signature: replacing it would call add_i32 instead.
        Func<int, int, int> other = instance.GetFunction("max_u32")!.WrapFunc<int, int, int>()!;
        Assert.That(Resolve(instance, e => e.Function("add_i32", "(i32, i32) -> i32", _ => other)), Is.SameAs(other));
    }

    [Test]
    public void Guest_memory_reads_base_and_length_directly_and_agrees_with_Wasmtime()
    {
        var store = new Store(Engine);
        var instance = new Instance(store, ModuleOf("types"));
        Memory memory = instance.GetMemory("memory")!;
        GuestMemory guest = CConvention.Default.Bind(instance, "direct", Options);
        // The private field holds the direct access; without it this test would compare Wasmtime with itself.
        object linear = typeof(GuestMemory).GetField("_linear", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(guest)!;
        Assert.That(linear.GetType().GetField("_direct", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(linear), ForcedOff ? Is.Null : Is.Not.Null);

        Assert.That(guest.Length, Is.EqualTo(memory.GetLength()));
        memory.Grow(3); // in the relocating configuration this moves the memory
        Assert.That(guest.Length, Is.EqualTo(memory.GetLength()));
        guest.GetView(0, 4, "direct")[0] = 0x5A;
        Assert.That(memory.GetSpan(0, 1)[0], Is.EqualTo(0x5A), "a view of the live base");
        int last = checked((int)memory.GetLength()) - 1;
        guest.GetView(last, 1, "direct")[0] = 0xA5;
        Assert.That(memory.GetSpan(last, 1)[0], Is.EqualTo(0xA5), "the last byte of the grown memory");

        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => _ = guest.Length);
    }

    private static Func<int, int, int> ResolveAddI32(Instance instance) => Resolve(instance, e => e.Func<int, int, int>("add_i32", "(i32, i32) -> i32"));

    private static T Resolve<T>(Instance instance, Func<ExportResolver, T> resolve)
        where T : class
    {
        var exports = new ExportResolver(instance, "direct");
        T resolved = resolve(exports);
        exports.ThrowIfProblems();
        return resolved;
    }
}
