using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Bindgen.Integration.Tests.Components.HostResources;
using Wasmtime;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// The host's blobs for hostres.component.wasm (tests/guests/hostres/hostres.wit): the imported interface, with the
/// blob's constructor and static function, counting the blobs made and disposed. The same class as the JavaScript one in
/// tests/guests/component/hostres-reference.mjs.
/// </summary>
internal sealed class HostBlobs : IHost, IHostresDemoImports
{
    public int Made { get; set; }

    public int Disposed { get; set; }

    public HostresDemo.IBlob NewBlob(uint init) => new Blob(this, init);

    public HostresDemo.IBlob BlobMake(uint n) => new Blob(this, n);

    public HostresDemo.ITicket NewTicket(uint n) => new Ticket(this, n);

    /// <summary>The host's ticket, the resource the world itself imports.</summary>
    internal sealed class Ticket(HostBlobs owner, uint number) : HostresDemo.ITicket, IDisposable
    {
        private readonly HostBlobs _owner = Counted(owner);

        public uint Number() => number;

        public void Dispose() => _owner.Disposed++;

        private static HostBlobs Counted(HostBlobs owner)
        {
            owner.Made++;
            return owner;
        }
    }

    /// <summary>The host's blob: a number; the component's drop of its last owning handle disposes it.</summary>
    internal sealed class Blob : HostresDemo.IBlob, IDisposable
    {
        private readonly HostBlobs _owner;

        public Blob(HostBlobs owner, uint value)
        {
            _owner = owner;
            Value = value;
            owner.Made++;
        }

        public uint Value { get; private set; }

        public uint Get() => Value;

        public void Add(uint n) => Value = unchecked(Value + n);

        public uint Absorb(HostresDemo.IBlob other) => Value = unchecked(Value + ((Blob)other).Value);

        public uint Take(HostresDemo.IBlob other) => Value = unchecked(Value + ((Blob)other).Value);

        public void Dispose() => _owner.Disposed++;
    }
}

/// <summary>
/// Call sequences on hostres.component.wasm, run through the generated binding and through jco's transpiled JavaScript
/// in Node (hostres-reference.mjs), with the outcomes spelled alike: "ok", "ok value", "disposed", "trap", "poisoned".
/// </summary>
internal static class HostResourceSequences
{
    /// <summary>Runs one sequence on a fresh instance; a trap ends it (every later step is refused as poisoned).</summary>
    public static List<string> Run(Engine engine, Store store, IEnumerable<string> steps)
    {
        var host = new HostBlobs();
        HostresDemo demo = HostresDemo.Instantiate(engine, store, host, host, options: GuestMemoryOptions.Checked);
        IApp app = demo.App;
        var blobs = new Dictionary<string, HostresDemo.IBlob>();
        var tallies = new Dictionary<string, HostresDemo.Tally>();
        var blobTickets = new Dictionary<string, HostresDemo.ITicket>();
        var outcomes = new List<string>();
        foreach (string step in steps)
        {
            string[] s = step.Split(' ');
            uint N(int i) => uint.Parse(s[i], System.Globalization.CultureInfo.InvariantCulture);
            HostresDemo.IBlob B(int i) => blobs[s[i]];
            HostresDemo.Tally T(int i) => tallies[s[i]];
            ResourceSequences.Step(outcomes, () =>
            {
                uint? value = null;
                switch (s[0])
                {
                    case "blob": blobs[s[1]] = new HostBlobs.Blob(host, N(2)); break;
                    case "value": value = ((HostBlobs.Blob)B(1)).Value; break;
                    case "tally": tallies[s[1]] = new HostresDemo.Tally(app, N(2)); break;
                    case "tmake": tallies[s[1]] = HostresDemo.Tally.Make(app, N(2)); break;
                    case "total": value = T(1).Total(); break;
                    case "feed": value = T(1).Feed(B(2)); break;
                    case "eat": value = T(1).Eat(B(2)); break;
                    case "tdispose": T(1).Dispose(); break;
                    case "cycle": value = app.Cycle(N(1)); break;
                    case "peek": value = app.Peek(B(1)); break;
                    case "leak": value = app.LeakBorrow(B(1)); break;
                    case "keep": app.Keep(B(1)); break;
                    case "give-back": blobs[s[1]] = app.GiveBack(); break;
                    case "drop-kept": app.DropKept(); break;
                    case "merge-kept": value = app.MergeKept(B(1)); break;
                    case "donate": value = app.Donate(B(1)); break;
                    case "fresh": blobs[s[1]] = app.Fresh(N(2)); break;
                    case "self-take": value = app.SelfTake(); break;
                    case "wrong-type": value = app.WrongType(); break;
                    case "use-dropped": value = app.UseDropped(); break;
                    case "live": value = app.Live(); break;
                    case "ticket": blobTickets[s[1]] = new HostBlobs.Ticket(host, N(2)); break;
                    case "ticket-round": value = demo.TicketRound(N(1)); break;
                    case "ticket-number": value = demo.TicketNumber(blobTickets[s[1]]); break;
                    case "keep-maybe": value = app.KeepMaybe(s[1] == "-" ? null : B(1)) ? 1u : 0u; break;
                    case "kept-maybe": value = (blobs[s[1]] = app.KeptMaybe()!) is null ? 0u : 1u; break;
                    case "lent-value": value = app.LentValue(new IApp.LentBlob(B(1), N(2))); break;
                    case "sum": value = app.Sum(s[1].Split(',').Select(v => blobs[v]).ToArray()); break;
                    case "spawn":
                        HostresDemo.IBlob[] spawned = app.Spawn(N(2));
                        for (int i = 0; i < spawned.Length; i++)
                        {
                            blobs[s[1] + i] = spawned[i];
                        }

                        value = (uint)spawned.Length;
                        break;
                    case "made": value = (uint)host.Made; break;
                    case "disposed": value = (uint)host.Disposed; break;
                    default: throw new ArgumentException("unknown step " + step);
                }

                return value;
            });
        }

        return outcomes;
    }

    /// <summary>Runs every sequence in one Node process through jco; one outcome list per sequence.</summary>
    public static List<List<string>> Reference(IReadOnlyList<string[]> sequences) => ResourceSequences.Reference("hostres.component", "hostres-reference.mjs", sequences);

    public static Bindgen.Internals.ComponentInstance Runtime(HostresDemo demo) =>
        (Bindgen.Internals.ComponentInstance)typeof(HostresDemo).GetField("_component", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(demo)!;
}
