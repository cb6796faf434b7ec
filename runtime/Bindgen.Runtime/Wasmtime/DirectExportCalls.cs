using System;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// Export calls with one direct call of <c>wasmtime_func_call_unchecked</c> into the native library Wasmtime itself
/// loaded, instead of through the typed delegate Wasmtime builds (<see cref="Function.WrapFunc{T, TResult}"/>), which
/// adds a closure, argument converters and a result factory behind interfaces around the same call. Errors and traps
/// go through Wasmtime's own conversions, so a trap's code and frames and a host exception's cause come out exactly
/// as they do through the typed delegate, and a disposed store is refused as it is there.
/// </summary>
/// <remarks>
/// It reads private fields of <see cref="Function"/> and <see cref="Store"/> and calls two internal conversions of
/// Wasmtime's .NET assembly, so it is used only when that assembly has the major version
/// <see cref="WasmtimeInternals.SupportedMajorVersion"/> and every member it needs is found with the expected shape;
/// otherwise (or for a delegate it does not build: more than eight parameters, other value types, a delegate not made
/// by Wasmtime for the function) the typed delegate is kept. The delegate it returns has the typed delegate's type.
/// </remarks>
internal static unsafe class DirectExportCalls
{
    private const int MostParameters = 8;

    private static readonly FieldInfo? FunctionStore;
    private static readonly FieldInfo? FunctionHandle;
    private static readonly FieldInfo? FunctionWrapper;
    private static readonly delegate* unmanaged<IntPtr, FuncHandle*, RawValue*, nuint, IntPtr*, IntPtr> CallUnchecked;

    static DirectExportCalls()
    {
        FieldInfo? functionStore = WasmtimeInternals.Field(typeof(Function), "store", t => t == typeof(Store));
        FieldInfo? functionHandle = WasmtimeInternals.Field(typeof(Function), "func", t => t.IsValueType);
        FieldInfo? functionWrapper = WasmtimeInternals.Field(typeof(Function), "_wrapperCache", t => t == typeof(object));
        IntPtr call = WasmtimeInternals.Export("wasmtime_func_call_unchecked");
        if (functionStore is null || functionHandle is null || functionWrapper is null || call == IntPtr.Zero
            || typeof(WasmtimeException).GetMethod("FromOwnedError", BindingFlags.Static | BindingFlags.NonPublic, null, [typeof(IntPtr)], null)?.ReturnType != typeof(WasmtimeException)
            || typeof(TrapException).GetMethod("FromOwnedTrap", BindingFlags.Static | BindingFlags.NonPublic, null, [typeof(IntPtr), typeof(bool)], null)?.ReturnType != typeof(TrapException))
        {
            return;
        }

        FunctionStore = functionStore;
        FunctionHandle = functionHandle;
        FunctionWrapper = functionWrapper;
        CallUnchecked = (delegate* unmanaged<IntPtr, FuncHandle*, RawValue*, nuint, IntPtr*, IntPtr>)call;
    }

    /// <summary>Whether export calls can be made directly with this Wasmtime.</summary>
    internal static bool Available => CallUnchecked != null;

    /// <summary>
    /// A delegate of <paramref name="typed"/>'s type that calls <paramref name="function"/> directly, or
    /// <paramref name="typed"/> itself when that is not possible (see the remarks on the class).
    /// </summary>
    /// <typeparam name="T">The delegate type: <c>Action</c>, <c>Action&lt;...&gt;</c> or <c>Func&lt;..., TResult&gt;</c> over i32, i64, f32 and f64.</typeparam>
    /// <param name="function">The checked export.</param>
    /// <param name="typed">The typed delegate Wasmtime built for it.</param>
    [return: NotNullIfNotNull(nameof(typed))]
    internal static T? Faster<T>(Function function, T? typed)
        where T : class
    {
        // Only the typed delegate Wasmtime made for this very function (it keeps the last one it made), so the
        // signature is checked and the replacement calls what the original called.
        if (!Available || typed is null || !ReferenceEquals(FunctionWrapper!.GetValue(function), typed))
        {
            return typed;
        }

        Type type = typeof(T);
        Type[] arguments = type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes;
        bool returns = type.IsGenericType && type.Name.StartsWith("Func`", StringComparison.Ordinal);
        bool isAction = type == typeof(Action) || (type.IsGenericType && type.Name.StartsWith("Action`", StringComparison.Ordinal));
        int parameters = arguments.Length - (returns ? 1 : 0);
        if ((!returns && !isAction) || type.Namespace != "System" || parameters > MostParameters || Array.Exists(arguments, a => !IsNumber(a)))
        {
            return typed;
        }

        try
        {
            var target = new Export(function);
            MethodInfo method = typeof(Export).GetMethod((returns ? "Func" : "Action") + parameters, BindingFlags.Instance | BindingFlags.Public)!;
            if (method.IsGenericMethodDefinition)
            {
                method = method.MakeGenericMethod(arguments);
            }

            return (T)(object)Delegate.CreateDelegate(type, target, method);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException or MemberAccessException)
        {
            // For example ahead-of-time compiled code without these instantiations: the typed delegate works there.
            return typed;
        }
    }

    private static bool IsNumber(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(float) || type == typeof(double);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "FromOwnedError")]
    private static extern WasmtimeException FromOwnedError(WasmtimeException? target, IntPtr error);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "FromOwnedTrap")]
    private static extern TrapException FromOwnedTrap(TrapException? target, IntPtr trap, bool delete);

    /// <summary>One export, resolved to what the C API call needs. Its methods are the delegates' targets.</summary>
    private sealed class Export
    {
        private readonly WasmtimeInternals.StoreContext _store;
        private readonly FuncHandle _function;

        public Export(Function function)
        {
            _store = WasmtimeInternals.ContextOf((Store)FunctionStore!.GetValue(function)!);
            FuncHandle handle;
            WasmtimeInternals.CopyStruct(FunctionHandle!, function, &handle, sizeof(FuncHandle));
            _function = handle;
        }

        // The delegates' targets: each writes its arguments, calls, and reads its result.
        public void Action0() => Call(null, 0);

        public void Action1<T1>(T1 a1)
        {
            RawValue* v = stackalloc RawValue[1];
            v[0] = Raw(a1);
            Call(v, 1);
        }

        public void Action2<T1, T2>(T1 a1, T2 a2)
        {
            RawValue* v = stackalloc RawValue[2];
            v[0] = Raw(a1); v[1] = Raw(a2);
            Call(v, 2);
        }

        public void Action3<T1, T2, T3>(T1 a1, T2 a2, T3 a3)
        {
            RawValue* v = stackalloc RawValue[3];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3);
            Call(v, 3);
        }

        public void Action4<T1, T2, T3, T4>(T1 a1, T2 a2, T3 a3, T4 a4)
        {
            RawValue* v = stackalloc RawValue[4];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4);
            Call(v, 4);
        }

        public void Action5<T1, T2, T3, T4, T5>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5)
        {
            RawValue* v = stackalloc RawValue[5];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4); v[4] = Raw(a5);
            Call(v, 5);
        }

        public void Action6<T1, T2, T3, T4, T5, T6>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6)
        {
            RawValue* v = stackalloc RawValue[6];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4); v[4] = Raw(a5); v[5] = Raw(a6);
            Call(v, 6);
        }

        public void Action7<T1, T2, T3, T4, T5, T6, T7>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7)
        {
            RawValue* v = stackalloc RawValue[7];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4); v[4] = Raw(a5); v[5] = Raw(a6); v[6] = Raw(a7);
            Call(v, 7);
        }

        public void Action8<T1, T2, T3, T4, T5, T6, T7, T8>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8)
        {
            RawValue* v = stackalloc RawValue[8];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4); v[4] = Raw(a5); v[5] = Raw(a6); v[6] = Raw(a7); v[7] = Raw(a8);
            Call(v, 8);
        }

        public TR Func0<TR>()
        {
            RawValue* v = stackalloc RawValue[1];
            Call(v, 1);
            return Value<TR>(v[0]);
        }

        public TR Func1<T1, TR>(T1 a1)
        {
            RawValue* v = stackalloc RawValue[1];
            v[0] = Raw(a1);
            Call(v, 1);
            return Value<TR>(v[0]);
        }

        public TR Func2<T1, T2, TR>(T1 a1, T2 a2)
        {
            RawValue* v = stackalloc RawValue[2];
            v[0] = Raw(a1); v[1] = Raw(a2);
            Call(v, 2);
            return Value<TR>(v[0]);
        }

        public TR Func3<T1, T2, T3, TR>(T1 a1, T2 a2, T3 a3)
        {
            RawValue* v = stackalloc RawValue[3];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3);
            Call(v, 3);
            return Value<TR>(v[0]);
        }

        public TR Func4<T1, T2, T3, T4, TR>(T1 a1, T2 a2, T3 a3, T4 a4)
        {
            RawValue* v = stackalloc RawValue[4];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4);
            Call(v, 4);
            return Value<TR>(v[0]);
        }

        public TR Func5<T1, T2, T3, T4, T5, TR>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5)
        {
            RawValue* v = stackalloc RawValue[5];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4); v[4] = Raw(a5);
            Call(v, 5);
            return Value<TR>(v[0]);
        }

        public TR Func6<T1, T2, T3, T4, T5, T6, TR>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6)
        {
            RawValue* v = stackalloc RawValue[6];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4); v[4] = Raw(a5); v[5] = Raw(a6);
            Call(v, 6);
            return Value<TR>(v[0]);
        }

        public TR Func7<T1, T2, T3, T4, T5, T6, T7, TR>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7)
        {
            RawValue* v = stackalloc RawValue[7];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4); v[4] = Raw(a5); v[5] = Raw(a6); v[6] = Raw(a7);
            Call(v, 7);
            return Value<TR>(v[0]);
        }

        public TR Func8<T1, T2, T3, T4, T5, T6, T7, T8, TR>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8)
        {
            RawValue* v = stackalloc RawValue[8];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4); v[4] = Raw(a5); v[5] = Raw(a6); v[6] = Raw(a7); v[7] = Raw(a8);
            Call(v, 8);
            return Value<TR>(v[0]);
        }

        /// <summary>The call, with the typed delegate's checks and its error and trap conversions.</summary>
        private void Call(RawValue* values, int count)
        {
            IntPtr context = _store.Handle;
            FuncHandle function = _function;
            IntPtr trap;
            IntPtr error = CallUnchecked(context, &function, values, (nuint)count, &trap);
            // The store owns the context: it must outlive the call (as Wasmtime's own call keeps it).
            GC.KeepAlive(_store.Store);
            if (error != IntPtr.Zero)
            {
                throw FromOwnedError(null, error);
            }

            if (trap != IntPtr.Zero)
            {
                throw FromOwnedTrap(null, trap, true);
            }
        }

        /// <summary>A number as the C API's raw value: 32-bit values zero-extended, as Wasmtime writes them.</summary>
        private static RawValue Raw<T>(T value)
        {
            ulong bits = typeof(T) == typeof(int) ? unchecked((uint)Unsafe.As<T, int>(ref value))
                : typeof(T) == typeof(long) ? unchecked((ulong)Unsafe.As<T, long>(ref value))
                : typeof(T) == typeof(float) ? BitConverter.SingleToUInt32Bits(Unsafe.As<T, float>(ref value))
                : BitConverter.DoubleToUInt64Bits(Unsafe.As<T, double>(ref value));
            return new RawValue { Low = bits };
        }

        private static TR Value<TR>(RawValue raw)
        {
            ulong bits = raw.Low;
            if (typeof(TR) == typeof(int))
            {
                int value = unchecked((int)(uint)bits);
                return Unsafe.As<int, TR>(ref value);
            }

            if (typeof(TR) == typeof(long))
            {
                long value = unchecked((long)bits);
                return Unsafe.As<long, TR>(ref value);
            }

            if (typeof(TR) == typeof(float))
            {
                float value = BitConverter.UInt32BitsToSingle(unchecked((uint)bits));
                return Unsafe.As<float, TR>(ref value);
            }

            double wide = BitConverter.UInt64BitsToDouble(bits);
            return Unsafe.As<double, TR>(ref wide);
        }
    }

    /// <summary>The C API's <c>wasmtime_func_t</c>: a store id and a private word.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FuncHandle
    {
        public ulong Store;
        public IntPtr Private;
    }

    /// <summary>The C API's <c>wasmtime_val_raw_t</c>: 16 bytes, numbers in the low 8.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 16)]
    private struct RawValue
    {
        public ulong Low;
        public ulong High;
    }
}
