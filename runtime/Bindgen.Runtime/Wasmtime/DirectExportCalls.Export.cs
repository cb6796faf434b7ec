using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wasmtime;

namespace Bindgen;

// The delegates' target: one export resolved to what the C API call needs, and the C API's types it passes.
internal static unsafe partial class DirectExportCalls
{
    /// <summary>One export, resolved to what the C API call needs. Its methods are the delegates' targets.</summary>
    internal sealed class Export
    {
        private static readonly delegate* unmanaged<IntPtr, FuncHandle*, RawValue*, nuint, IntPtr*, IntPtr> CallUnchecked =
            (delegate* unmanaged<IntPtr, FuncHandle*, RawValue*, nuint, IntPtr*, IntPtr>)WasmtimeInternals.Export("wasmtime_func_call_unchecked");

        // What the call needs, in this object's own fields: under NativeAOT a read of the static pointer above checks the
        // class's initialization first, and reaching the store's handle through its StoreContext is one more load.
        private readonly delegate* unmanaged<IntPtr, FuncHandle*, RawValue*, nuint, IntPtr*, IntPtr> _call;
        private readonly SafeHandle _storeHandle;
        private readonly IntPtr _context;
        private readonly Store _store;
        private readonly FuncHandle _function;

        public Export(Function function)
        {
            WasmtimeInternals.StoreContext store = WasmtimeInternals.ContextOf(WasmtimeLayout.FunctionStore(function));
            _store = store.Store;
            _storeHandle = store.SafeHandle;
            _context = store.Context;
            _function = WasmtimeInternals.Handle<FuncHandle>(function, WasmtimeLayout.FunctionHandleOffset);
            _call = CallUnchecked;
        }

        /// <summary>Whether the native function is there and every layout it relies on is proven.</summary>
        public static bool CanCall => CallUnchecked != null;

        /// <summary>What a direct call of this export needs, for a caller that makes it itself (<see cref="GuestFree"/>).</summary>
        internal (Store Store, SafeHandle StoreHandle, IntPtr Context, FuncHandle Function) Parts =>
            (_store, _storeHandle, _context, _function);

        // The delegates' targets: each writes its arguments, calls, and reads its result. Never inlined: the JIT inlines a
        // P/Invoke's transition only outside try regions on 64-bit targets, and the generated methods call exports inside
        // theirs, where dynamic PGO would inline the delegate's target; inlined there, the call would take the runtime's
        // slower P/Invoke helper. Not inlined, the guarded call PGO makes still skips the delegate (docs/benchmarks.md).
        private const MethodImplOptions Target = MethodImplOptions.NoInlining;
        [MethodImpl(Target)]
        public void Action0() => Call(null, 0);

        [MethodImpl(Target)]
        public void Action1<T1>(T1 a1)
        {
            RawValue* v = stackalloc RawValue[1];
            v[0] = Raw(a1);
            Call(v, 1);
        }

        [MethodImpl(Target)]
        public void Action2<T1, T2>(T1 a1, T2 a2)
        {
            RawValue* v = stackalloc RawValue[2];
            v[0] = Raw(a1); v[1] = Raw(a2);
            Call(v, 2);
        }

        [MethodImpl(Target)]
        public void Action3<T1, T2, T3>(T1 a1, T2 a2, T3 a3)
        {
            RawValue* v = stackalloc RawValue[3];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3);
            Call(v, 3);
        }

        [MethodImpl(Target)]
        public void Action4<T1, T2, T3, T4>(T1 a1, T2 a2, T3 a3, T4 a4)
        {
            RawValue* v = stackalloc RawValue[4];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4);
            Call(v, 4);
        }

        [MethodImpl(Target)]
        public void Action5<T1, T2, T3, T4, T5>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5)
        {
            RawValue* v = stackalloc RawValue[5];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4); v[4] = Raw(a5);
            Call(v, 5);
        }

        [MethodImpl(Target)]
        public void Action6<T1, T2, T3, T4, T5, T6>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6)
        {
            RawValue* v = stackalloc RawValue[6];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4); v[4] = Raw(a5); v[5] = Raw(a6);
            Call(v, 6);
        }

        [MethodImpl(Target)]
        public void Action7<T1, T2, T3, T4, T5, T6, T7>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7)
        {
            RawValue* v = stackalloc RawValue[7];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4); v[4] = Raw(a5); v[5] = Raw(a6); v[6] = Raw(a7);
            Call(v, 7);
        }

        [MethodImpl(Target)]
        public void Action8<T1, T2, T3, T4, T5, T6, T7, T8>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8)
        {
            RawValue* v = stackalloc RawValue[8];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4); v[4] = Raw(a5); v[5] = Raw(a6); v[6] = Raw(a7); v[7] = Raw(a8);
            Call(v, 8);
        }

        [MethodImpl(Target)]
        public TR Func0<TR>()
        {
            RawValue* v = stackalloc RawValue[1];
            Call(v, 1);
            return Value<TR>(v[0]);
        }

        [MethodImpl(Target)]
        public TR Func1<T1, TR>(T1 a1)
        {
            RawValue* v = stackalloc RawValue[1];
            v[0] = Raw(a1);
            Call(v, 1);
            return Value<TR>(v[0]);
        }

        [MethodImpl(Target)]
        public TR Func2<T1, T2, TR>(T1 a1, T2 a2)
        {
            RawValue* v = stackalloc RawValue[2];
            v[0] = Raw(a1); v[1] = Raw(a2);
            Call(v, 2);
            return Value<TR>(v[0]);
        }

        [MethodImpl(Target)]
        public TR Func3<T1, T2, T3, TR>(T1 a1, T2 a2, T3 a3)
        {
            RawValue* v = stackalloc RawValue[3];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3);
            Call(v, 3);
            return Value<TR>(v[0]);
        }

        [MethodImpl(Target)]
        public TR Func4<T1, T2, T3, T4, TR>(T1 a1, T2 a2, T3 a3, T4 a4)
        {
            RawValue* v = stackalloc RawValue[4];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4);
            Call(v, 4);
            return Value<TR>(v[0]);
        }

        [MethodImpl(Target)]
        public TR Func5<T1, T2, T3, T4, T5, TR>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5)
        {
            RawValue* v = stackalloc RawValue[5];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4); v[4] = Raw(a5);
            Call(v, 5);
            return Value<TR>(v[0]);
        }

        [MethodImpl(Target)]
        public TR Func6<T1, T2, T3, T4, T5, T6, TR>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6)
        {
            RawValue* v = stackalloc RawValue[6];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4); v[4] = Raw(a5); v[5] = Raw(a6);
            Call(v, 6);
            return Value<TR>(v[0]);
        }

        [MethodImpl(Target)]
        public TR Func7<T1, T2, T3, T4, T5, T6, T7, TR>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7)
        {
            RawValue* v = stackalloc RawValue[7];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4); v[4] = Raw(a5); v[5] = Raw(a6); v[6] = Raw(a7);
            Call(v, 7);
            return Value<TR>(v[0]);
        }

        [MethodImpl(Target)]
        public TR Func8<T1, T2, T3, T4, T5, T6, T7, T8, TR>(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8)
        {
            RawValue* v = stackalloc RawValue[8];
            v[0] = Raw(a1); v[1] = Raw(a2); v[2] = Raw(a3); v[3] = Raw(a4); v[4] = Raw(a5); v[5] = Raw(a6); v[6] = Raw(a7); v[7] = Raw(a8);
            Call(v, 8);
            return Value<TR>(v[0]);
        }

        /// <summary>The call over raw values two words each (<see cref="UntypedExport"/>): arguments in, results out.</summary>
        internal void CallRaw(ulong* values, int count) => Call((RawValue*)values, count);

        /// <summary>
        /// The call, with the typed delegate's checks and its error and trap conversions. Inlined into each target
        /// (NativeAOT left it a frame of its own), its throws out of line.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Call(RawValue* values, int count)
        {
            if (_storeHandle.IsClosed)
            {
                WasmtimeInternals.ThrowStoreDisposed();
            }

            FuncHandle function = _function;
            IntPtr trap;
            IntPtr error = _call(_context, &function, values, (nuint)count, &trap);
            // The store owns the context: it must outlive the call (as Wasmtime's own call keeps it).
            GC.KeepAlive(_store);
            if (error != IntPtr.Zero || trap != IntPtr.Zero)
            {
                ThrowFailure(error, trap);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowFailure(IntPtr error, IntPtr trap) =>
            throw (error != IntPtr.Zero ? WasmtimeLayout.FromOwnedError(null, error) : WasmtimeLayout.FromOwnedTrap(null, trap, true));

        // Raw and Value are inlined: NativeAOT, without the JIT's profile, left them calls in every inlined export call.

        /// <summary>A number as the C API's raw value: 32-bit values zero-extended, as Wasmtime writes them.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static RawValue Raw<T>(T value)
        {
            ulong bits = typeof(T) == typeof(int) ? unchecked((uint)Unsafe.As<T, int>(ref value))
                : typeof(T) == typeof(long) ? unchecked((ulong)Unsafe.As<T, long>(ref value))
                : typeof(T) == typeof(float) ? BitConverter.SingleToUInt32Bits(Unsafe.As<T, float>(ref value))
                : BitConverter.DoubleToUInt64Bits(Unsafe.As<T, double>(ref value));
            return new RawValue { Low = bits };
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TR Value<TR>(RawValue raw)
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
    internal struct FuncHandle
    {
        public ulong Store;
        public IntPtr Private;
    }

    /// <summary>The C API's <c>wasmtime_val_raw_t</c>: 16 bytes, numbers in the low 8.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 16)]
    internal struct RawValue
    {
        public ulong Low;
        public ulong High;
    }
}
