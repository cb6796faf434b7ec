using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bindgen;
using Bindgen.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Hosting.Tests;

/// <summary>tests/guests/chatty.wasm (tests/guests/c/chatty.c): a WASI reactor writing through wasi-libc's stdio.</summary>
[WasmModule]
public interface IChattyGuest
{
    int Say(string text, int count);

    void Complain(string text);

    void SayPartial(string text);
}

/// <summary>A WASI guest's stdout and stderr reach ILogger, one entry per line, in the scope of the lease that wrote it.</summary>
public sealed class GuestOutputTests
{
    private static readonly string ChattyPath = Path.Combine(AppContext.BaseDirectory, "guests", "chatty.wasm");
    private Engine _engine = null!;
    private Module _module = null!;

    [OneTimeSetUp]
    public void Compile()
    {
        _engine = PooledGuest.PoolingEngine();
        _module = Module.FromFile(_engine, ChattyPath);
    }

    [OneTimeTearDown]
    public void Dispose()
    {
        _module.Dispose();
        _engine.Dispose();
    }

    [Test]
    public void StdoutLinesAreInformationAndStderrLinesAreWarningsInTheLeasesScope()
    {
        var logger = new RecordingLogger("test");
        using var pool = new WasmModulePool<IChattyGuest>(_engine, _module, Options(logger));

        Assert.That(pool.Run((guest, _) => guest.Say("hello", 3)), Is.EqualTo(3));
        pool.Run((guest, _) => { guest.Complain("disk full"); return 0; });

        Assert.That(logger.Entries.Select(e => (e.Level, e.Line)), Is.EqualTo(new[]
        {
            (LogLevel.Information, "hello #1"),
            (LogLevel.Information, "hello #2"),
            (LogLevel.Information, "hello #3"),
            (LogLevel.Warning, "error: disk full"),
        }));
        Assert.That(logger.Entries.Select(e => e.Stream), Is.EqualTo(new[] { "stdout", "stdout", "stdout", "stderr" }));
        Assert.That(logger.Entries.Select(e => e.Scope["bindgen.module"]).Distinct(), Is.EqualTo(new[] { "IChattyGuest" }));
        long[] leases = logger.Entries.Select(e => (long)e.Scope["bindgen.lease"]!).ToArray();
        Assert.That(leases, Is.EqualTo(new[] { leases[0], leases[0], leases[0], leases[0] + 1 }));
    }

    [Test]
    public void ALineWithoutItsEndIsLoggedWhenTheLeaseEnds()
    {
        var logger = new RecordingLogger("test");
        using var pool = new WasmModulePool<IChattyGuest>(_engine, _module, Options(logger));

        using (WasmLease<IChattyGuest> lease = pool.Rent())
        {
            lease.Binding.SayPartial("no line end");
            lease.Binding.SayPartial(", still none");
            Assert.That(logger.Entries, Is.Empty);
        }

        Assert.That(logger.Entries.Select(e => e.Line), Is.EqualTo(new[] { "no line end, still none" }));
    }

    [Test]
    public void ConcurrentLeasesLogTheirOwnLinesInTheirOwnScopes()
    {
        var logger = new RecordingLogger("test");
        using var pool = new WasmModulePool<IChattyGuest>(_engine, _module, Options(logger));
        const int Threads = 8, LeasesPerThread = 20;

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            for (int i = 0; i < LeasesPerThread; i++)
            {
                pool.Run((guest, _) => guest.Say($"t{thread}-{i}", 2));
            }
        });

        Assert.That(logger.Entries, Has.Count.EqualTo(Threads * LeasesPerThread * 2));
        // Both lines of one lease carry that lease's number, and no other lease's lines do.
        var byLease = logger.Entries.GroupBy(e => (long)e.Scope["bindgen.lease"]!).ToList();
        Assert.That(byLease, Has.Count.EqualTo(Threads * LeasesPerThread));
        foreach (var lease in byLease)
        {
            string text = lease.First().Line[..lease.First().Line.IndexOf(' ')];
            Assert.That(lease.Select(e => e.Line), Is.EqualTo(new[] { text + " #1", text + " #2" }));
        }
    }

    [Test]
    public void AddWasmModuleLogsAWasiGuestsOutputThroughTheApplicationsLoggerFactory()
    {
        var loggers = new RecordingLoggerFactory();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(loggers);
        services.AddWasmModule<IChattyGuest>(options =>
        {
            options.ModulePath = ChattyPath;
            options.UseWasi = true;
            options.CreateBinding = c => ChattyGuest.Instantiate(c.Linker!, c.Store, c.Module);
        });

        using (ServiceProvider provider = services.BuildServiceProvider())
        {
            using IServiceScope scope = provider.CreateScope();
            Assert.That(scope.ServiceProvider.GetRequiredService<IChattyGuest>().Say("from DI", 1), Is.EqualTo(1));
        }

        RecordingLogger logger = loggers.Created.Single();
        Assert.That(logger.Category, Is.EqualTo("Bindgen.Guest.IChattyGuest"));
        Assert.That(logger.Entries.Select(e => e.Line), Is.EqualTo(new[] { "from DI #1" }));
    }

    [Test]
    public void WithoutALoggerTheOutputIsDropped()
    {
        WasmModulePoolOptions<IChattyGuest> options = Options(null);
        using var pool = new WasmModulePool<IChattyGuest>(_engine, _module, options);
        Assert.That(pool.Run((guest, _) => guest.Say("nobody hears", 2)), Is.EqualTo(2));
    }

    private static WasmModulePoolOptions<IChattyGuest> Options(ILogger? logger) => new()
    {
        UseWasi = true,
        GuestOutputLogger = logger,
        CreateBinding = c => ChattyGuest.Instantiate(c.Linker!, c.Store, c.Module),
    };

    private sealed record Entry(LogLevel Level, string Stream, string Line, IReadOnlyDictionary<string, object?> Scope);

    private sealed class RecordingLoggerFactory : ILoggerFactory
    {
        public List<RecordingLogger> Created { get; } = new();

        public ILogger CreateLogger(string categoryName)
        {
            var logger = new RecordingLogger(categoryName);
            lock (Created) Created.Add(logger);
            return logger;
        }

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }

    /// <summary>Records entries with the scope they were logged in (scopes of this logger only, per thread).</summary>
    private sealed class RecordingLogger : ILogger
    {
        private readonly ThreadLocal<IReadOnlyList<KeyValuePair<string, object?>>?> _scope = new();
        private readonly List<Entry> _entries = new();

        public RecordingLogger(string category) => Category = category;

        public string Category { get; }

        public List<Entry> Entries
        {
            get { lock (_entries) return _entries.ToList(); }
        }

        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            IReadOnlyList<KeyValuePair<string, object?>>? previous = _scope.Value;
            _scope.Value = state as IReadOnlyList<KeyValuePair<string, object?>>;
            return new Restore(() => _scope.Value = previous);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = ((IReadOnlyList<KeyValuePair<string, object?>>)state!).ToDictionary(p => p.Key, p => p.Value);
            var scope = (_scope.Value ?? Array.Empty<KeyValuePair<string, object?>>()).ToDictionary(p => p.Key, p => p.Value);
            lock (_entries)
            {
                _entries.Add(new Entry(logLevel, (string)values["GuestStream"]!, (string)values["GuestLine"]!, scope));
            }
        }

        private sealed class Restore(Action restore) : IDisposable
        {
            public void Dispose() => restore();
        }
    }
}
