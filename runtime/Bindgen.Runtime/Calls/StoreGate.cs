using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>
/// The thread check of a store (docs/threading.md): a Wasmtime store and everything bound to it belong to one
/// thread at a time. Every generated method enters the gate of its store before it touches the store or its own
/// per-call state, and leaves it when done; a call from another thread while the store is in a call is refused with
/// <see cref="StoreInUseException"/> before any native call. Calls on the same thread nest (a host function that
/// calls back into the guest), and a store may move to another thread between calls (a pool, an await).
/// </summary>
/// <remarks>
/// <para>
/// The gate remembers the thread that used the store last (its <see cref="Holder"/>). A call on that thread only
/// counts itself in and out with plain writes to the holder's own counter, which no other thread writes: no atomic
/// instruction, about 2 ns (docs/benchmarks.md). A call on another thread takes the store over when its holder is in no call: it
/// installs a holder of its own, then makes every thread's earlier writes visible with a process-wide memory barrier
/// (<see cref="Interlocked.MemoryBarrierProcessWide"/>) and reads the old holder's counter. Either the old holder's
/// call had counted itself in before the barrier, and the new thread sees it and backs off, or it had not, and it
/// then sees the new holder and backs off itself. The barrier costs microseconds, once per move between threads.
/// </para>
/// <para>
/// Bindings made with the store share its gate; a binding made from an instance alone shares the gate of that
/// instance (and of its store, when another binding of it was made with the store first).
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class StoreGate
{
    private static readonly ConditionalWeakTable<Store, StoreGate> ByStore = new();
    private static readonly ConditionalWeakTable<Instance, StoreGate> ByInstance = new();
    private static readonly object Registry = new();

    /// <summary>The thread the store belongs to now, with its count of calls in progress.</summary>
    private Holder _holder;

    private StoreGate(Store? store, Instance instance)
    {
        BindgenTelemetry.EnsureCreated(); // before any call reads TelemetryChecks
        _holder = new Holder(Thread.CurrentThread);
        _store = store;
        _instance = instance;
    }

    /// <summary>The gate of <paramref name="store"/> when it is known, else of <paramref name="instance"/>.</summary>
    /// <param name="store">The instance's store, or null when the binding was made from the instance alone.</param>
    /// <param name="instance">The instance the binding calls.</param>
    public static StoreGate For(Store? store, Instance instance)
    {
        if (instance is null)
        {
            throw new ArgumentNullException(nameof(instance));
        }

        lock (Registry)
        {
            if (store is null)
            {
                return ByInstance.GetValue(instance, static i => new StoreGate(null, i));
            }

            if (!ByStore.TryGetValue(store, out StoreGate? gate))
            {
                gate = ByInstance.TryGetValue(instance, out StoreGate? ofInstance) ? ofInstance : new StoreGate(store, instance);
                gate._store ??= store;
                ByStore.Add(store, gate);
            }

            ByInstance.AddOrUpdate(instance, gate);
            return gate;
        }
    }

    /// <summary>
    /// Enters the store for a call of <paramref name="binding"/>; call <see cref="Holder.Leave"/> on the result when
    /// the call is done, whatever its outcome.
    /// </summary>
    /// <param name="binding">The binding being called, for the exception.</param>
    /// <exception cref="StoreInUseException">The store is in a call on another thread.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe Holder Enter(string binding)
    {
        Holder holder = Volatile.Read(ref _holder);
        // The holder's thread, told by the stack this call runs on (no thread-local lookup): see Holder.OwnsStack.
        byte mark;
        nuint stack = (nuint)(&mark);
        return stack >= holder.StackLow && stack <= holder.StackHigh && CountIn(holder) ? holder : EnterByThread(binding, stack);
    }

    /// <summary>Counts a call of the holder's own thread in, unless the store was taken over meanwhile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool CountIn(Holder holder)
    {
        // Counted in before the holder is read again: a thread taking the store over sees the count or is seen.
        Volatile.Write(ref holder.Calls, holder.Calls + 1);
        if (ReferenceEquals(Volatile.Read(ref _holder), holder))
        {
            return true;
        }

        Volatile.Write(ref holder.Calls, holder.Calls - 1);
        return false;
    }

    /// <summary>The check by thread identity, for a call whose stack address the holder has not seen yet.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Holder EnterByThread(string binding, nuint stack)
    {
        Holder holder = Volatile.Read(ref _holder);
        if (ReferenceEquals(holder.Thread, Thread.CurrentThread))
        {
            holder.SawStack(stack);
            if (CountIn(holder))
            {
                return holder;
            }
        }

        return TakeOver(binding, stack);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Holder TakeOver(string binding, nuint stack)
    {
        int current = Environment.CurrentManagedThreadId;
        lock (this)
        {
            Holder previous = Volatile.Read(ref _holder);
            if (ReferenceEquals(previous.Thread, Thread.CurrentThread))
            {
                // Handed back while this thread waited: only this thread counts into its own holder.
                Volatile.Write(ref previous.Calls, previous.Calls + 1);
                return previous;
            }

            if (Volatile.Read(ref previous.Calls) == 0)
            {
                var mine = new Holder(Thread.CurrentThread) { Calls = 1 };
                mine.SawStack(stack);
                Volatile.Write(ref _holder, mine);
                Interlocked.MemoryBarrierProcessWide();
                if (Volatile.Read(ref previous.Calls) == 0)
                {
                    return mine;
                }

                // The previous holder counted a call in at the same time: it keeps the store.
                Volatile.Write(ref _holder, previous);
            }

            throw new StoreInUseException(binding, current, Thread.CurrentThread.Name, previous.ThreadId, previous.Thread.Name);
        }
    }

    /// <summary>The thread a store belongs to, and its calls in progress on the store. Only that thread counts.</summary>
    /// <remarks>
    /// <para>
    /// The holder also remembers the range of stack addresses its thread's calls were seen at (<see cref="StackLow"/>
    /// to <see cref="StackHigh"/>), so that a call can tell it runs on the holder's thread from the address of one of
    /// its locals, without a thread-local lookup (a call into the runtime's thread-local storage on Linux). The range
    /// lies between two stack addresses of the holder's own thread, so within that thread's stack, and the stacks of
    /// threads alive at the same time are disjoint: a call on any other live thread is outside it and takes the check
    /// by thread identity. A thread that ended cannot call, so a new thread given the same stack memory may pass as the
    /// holder only once the holder can no longer be in a call. The range is widened only by its own thread, each bound
    /// only outwards, so a read racing a widening still gets a range between two of its addresses; it is widened only
    /// by steps of at most <see cref="MaxStackStep"/>, in case some code ran this thread's calls on another stack.
    /// </para>
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class Holder
    {
        /// <summary>The farthest a call's stack address may lie from the range already seen for it to be widened.</summary>
        internal const uint MaxStackStep = 256 * 1024;

        internal readonly Thread Thread;
        internal readonly int ThreadId;
        internal int Calls;
        internal nuint StackLow = nuint.MaxValue;
        internal nuint StackHigh;

        internal Holder(Thread thread)
        {
            Thread = thread;
            ThreadId = thread.ManagedThreadId;
        }

        /// <summary>Leaves the store after a call that <see cref="Enter"/> let in.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Leave() => Volatile.Write(ref Calls, Calls - 1);

        /// <summary>Widens the stack range to a call's address on the holder's own thread (only that thread calls it).</summary>
        internal void SawStack(nuint stack)
        {
            if (StackHigh < StackLow)
            {
                // The first address: the bounds are set high first, so a racing read sees an empty or a one-address range.
                Volatile.Write(ref StackHigh, stack);
                Volatile.Write(ref StackLow, stack);
            }
            else if (stack < StackLow && StackLow - stack <= MaxStackStep)
            {
                Volatile.Write(ref StackLow, stack);
            }
            else if (stack > StackHigh && stack - StackHigh <= MaxStackStep)
            {
                Volatile.Write(ref StackHigh, stack);
            }
        }
    }
}
