using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Bindgen.Internals;
using Wasmtime;

namespace Bindgen;

// The call site of one generated method whose export takes and returns numbers only (Bindgen.Internals.ExportFunc and
// ExportAction): the store's gate, the names the call's failures and telemetry carry, and, when the direct path is
// proven, what the native call needs, held in the site itself so the whole call inlines into the generated method.
internal static unsafe partial class DirectExportCalls
{
    /// <summary>One generated method's export call: the gate, its names, and the direct call when it is available.</summary>
    internal sealed class Site
    {
        private readonly StoreGate _gate;
        private readonly string _binding;
        private readonly string _method;
        private readonly string _export;
        private readonly delegate* unmanaged<IntPtr, FuncHandle*, RawValue*, nuint, IntPtr*, IntPtr> _call;
        private readonly SafeHandle? _storeHandle;
        private readonly IntPtr _context;
        private readonly Store? _store;
        private readonly FuncHandle _function;
        private string? _operation;

        /// <param name="gate">The gate of the binding's store.</param>
        /// <param name="binding">The binding (its interface's name).</param>
        /// <param name="method">The binding method.</param>
        /// <param name="export">The export it calls.</param>
        /// <param name="function">The export, when the direct path may call it (its signature checked, numbers only); else null.</param>
        internal Site(StoreGate gate, string binding, string method, string export, Function? function)
        {
            _gate = gate;
            _binding = binding;
            _method = method;
            _export = export;
            if (function is not null && Available)
            {
                WasmtimeInternals.StoreContext store = WasmtimeInternals.ContextOf(WasmtimeLayout.FunctionStore(function));
                _store = store.Store;
                _storeHandle = store.SafeHandle;
                _context = store.Context;
                _function = WasmtimeInternals.Handle<FuncHandle>(function, WasmtimeLayout.FunctionHandleOffset);
                _call = (delegate* unmanaged<IntPtr, FuncHandle*, RawValue*, nuint, IntPtr*, IntPtr>)WasmtimeInternals.Export("wasmtime_func_call_unchecked");
            }
        }

        /// <summary>Whether the call goes directly into the native library (else through Wasmtime's typed delegate).</summary>
        internal bool Direct
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => _call != null;
        }

        /// <summary>The operation named by the call's exceptions, as the generated methods name it.</summary>
        internal string Operation => _operation ??= $"{_binding}.{_method} (export '{_export}')";

        /// <summary>The gate of the binding's store; the calls hold it too, so that entering it waits for one load less.</summary>
        internal StoreGate Gate => _gate;

        /// <summary>Enters the store's gate, <paramref name="gate"/> (and starts the call's telemetry when someone listens).</summary>
        /// <param name="gate">This site's <see cref="Gate"/>, read by the caller from its own field.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal StoreCall Enter(StoreGate gate) => gate.EnterUnobserved() is { } holder ? new StoreCall(holder) : EnterOtherwise();

        /// <summary>Enters by the gate's whole check (another thread, a new stack range, telemetry), out of line.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private StoreCall EnterOtherwise() => _gate.Call(_binding, _method, _export);

        /// <summary>
        /// The direct call over <paramref name="count"/> raw values (arguments in, results out), then leaves the gate. No
        /// exception can arise between entering the gate and this call's end but the ones it raises itself, after the
        /// native call returned (a host function's exception comes back as a trap), so it needs no <c>try</c>: a
        /// failure leaves the gate on its own path. Outside any <c>try</c>, the JIT inlines the call's transition.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal void Call(StoreCall entered, RawValue* values, nuint count)
        {
            if (_storeHandle!.IsClosed)
            {
                throw Disposed(entered);
            }

            FuncHandle function = _function;
            IntPtr trap;
            IntPtr error = _call(_context, &function, values, count, &trap);
            // The store owns the context: it must outlive the call (as Wasmtime's own call keeps it).
            GC.KeepAlive(_store);
            if (error != IntPtr.Zero || trap != IntPtr.Zero)
            {
                throw Failed(entered, error, trap);
            }

            entered.Leave();
        }

        /// <summary>A failed direct call's exception, as the generated method's catch makes it; notes it and leaves the gate.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private Exception Failed(StoreCall entered, IntPtr error, IntPtr trap)
        {
            WasmtimeException failure = error != IntPtr.Zero
                ? WasmtimeLayout.FromOwnedError(null, error)
                : WasmtimeLayout.FromOwnedTrap(null, trap, true);
            return Leaving(entered, GuestFailures.FromWasmtime(Operation, failure));
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Exception Disposed(StoreCall entered) =>
            Leaving(entered, new ObjectDisposedException(typeof(Store).FullName));

        /// <summary>
        /// Through Wasmtime's typed delegate: the failure of <paramref name="exception"/> as the generated method's catch
        /// makes it, noted for telemetry. The caller leaves the gate in its <c>finally</c>.
        /// </summary>
        internal Exception Converted(StoreCall entered, WasmtimeException exception) => StoreCalls.Fail(entered, Operation, exception);

        /// <summary>
        /// Calls Wasmtime's typed delegate (direct paths off) inside the regions the generated method used to have: a
        /// Wasmtime failure converted (<see cref="Converted"/>), any failure noted for telemetry, the gate left. One
        /// body for every arity: the arguments travel in <paramref name="state"/>, the call is a static lambda.
        /// </summary>
        internal TResult CallTyped<TState, TResult>(StoreCall entered, TState state, Func<TState, TResult> call)
        {
            try
            {
                return call(state);
            }
            catch (WasmtimeException exception)
            {
                throw Converted(entered, exception);
            }
            catch (Exception failure) when (entered.Failed(failure))
            {
                throw;
            }
            finally
            {
                entered.Leave();
            }
        }

        /// <summary>As <see cref="CallTyped{TState, TResult}"/>, for an export with no result.</summary>
        internal void CallTyped<TState>(StoreCall entered, TState state, Action<TState> call) =>
            CallTyped(entered, (state, call), static s =>
            {
                s.call(s.state);
                return 0;
            });

        private static Exception Leaving(StoreCall entered, Exception failure)
        {
            entered.Failed(failure);
            entered.Leave();
            return failure;
        }
    }
}
