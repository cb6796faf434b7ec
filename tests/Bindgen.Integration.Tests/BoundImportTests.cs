using System;
using System.Collections.Generic;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>The host side of <see cref="BoundImportTests"/>'s guests: one import that reads a string from its caller's memory.</summary>
[WasmImports("relay", ClassName = "RelayImports")]
public interface IRelayHost
{
    /// <summary>Receives a text the guest lends.</summary>
    void Note(string text);
}

/// <summary>
/// Imports bound to their instance (<see cref="InstanceImports"/>) against the shared-linker form, on small guests
/// whose memories hold different texts at the same address, so a call served with the wrong instance's memory shows.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class BoundImportTests : GuestFixture
{
    // Imports the host's note and the shared linker's tick, re-exports the note, and calls both from "run".
    private const string Lender = """
        (module
          (import "relay" "note" (func $note (param i32 i32)))
          (import "env" "tick" (func $tick))
          (memory (export "memory") 1)
          (data (i32.const 16) "from the lender")
          (export "note" (func $note))
          (func (export "run") (call $tick) (call $note (i32.const 16) (i32.const 15))))
        """;

    // Another instance calling the lender's re-exported note with its own memory.
    private const string Borrower = """
        (module
          (import "lender" "note" (func $note (param i32 i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "from the borrow")
          (func (export "run") (call $note (i32.const 16) (i32.const 15))))
        """;

    // Calls the import from its start function, before the instance exists.
    private const string Starter = """
        (module
          (import "relay" "note" (func $note (param i32 i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "at start")
          (func $start (call $note (i32.const 16) (i32.const 8)))
          (start $start)
          (func (export "run") (call $note (i32.const 16) (i32.const 5))))
        """;

    // Puts the imported note in a table it exports: another instance can call it through the table.
    private const string TableLender = """
        (module
          (import "relay" "note" (func $note (param i32 i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "from the lender")
          (table (export "table") 1 funcref)
          (elem (i32.const 0) $note)
          (func (export "run") (call $note (i32.const 16) (i32.const 15))))
        """;

    // Calls whatever the lender put in its table, with its own memory.
    private const string TableBorrower = """
        (module
          (import "lender" "table" (table 1 funcref))
          (type $note (func (param i32 i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "from the borrow")
          (func (export "run") (call_indirect (type $note) (i32.const 16) (i32.const 15) (i32.const 0))))
        """;

    private readonly List<string> _notes = new();
    private int _ticks;

    public BoundImportTests(EngineSetting setting)
        : base(setting)
    {
    }

    [SetUp]
    public void Clear()
    {
        _notes.Clear();
        _ticks = 0;
    }

    [Test]
    public void A_bound_import_reads_its_instance_memory_and_the_shared_linker_provides_the_rest()
    {
        Store store = NewStore();
        Instance lender = InstantiateBound(store, Lender, GuestMemoryOptions.Checked);
        lender.GetAction("run")!();
        lender.GetAction("run")!();
        Assert.That(_notes, Is.EqualTo(new[] { "from the lender", "from the lender" }));
        Assert.That(_ticks, Is.EqualTo(2));
    }

    [Test]
    public void An_import_called_from_the_start_function_asks_its_caller()
    {
        Store store = NewStore();
        Instance starter = InstantiateBound(store, Starter, GuestMemoryOptions.Checked);
        starter.GetAction("run")!();
        Assert.That(_notes, Is.EqualTo(new[] { "at start", "at st" }));
    }

    [Test]
    public void Bound_imports_serve_one_instantiation()
    {
        Store store = NewStore();
        using var imports = new InstanceImports(Engine, store, SharedLinker());
        RelayImports.Define(imports, new Relay(_notes), GuestMemoryOptions.Checked);
        using Module module = Module.FromText(Engine, "lender", Lender);
        Instance instance = imports.Instantiate(module);
        Assert.That(imports.Instance, Is.SameAs(instance));
        Assert.Throws<InvalidOperationException>(() => imports.Instantiate(module));
    }

    [Test]
    public void A_missing_import_is_reported_by_name()
    {
        Store store = NewStore();
        using var imports = new InstanceImports(Engine, store);
        RelayImports.Define(imports, new Relay(_notes));
        using Module module = Module.FromText(Engine, "lender", Lender);
        var e = Assert.Throws<MissingImportsException>(() => imports.Instantiate(module));
        Assert.That(e!.Message, Does.Contain("env.tick"));
    }

    [Test]
    public void A_module_that_re_exports_an_import_is_not_bound_and_serves_a_caller_through_the_re_export_with_its_memory()
    {
        // The lender exports the import it calls; the borrower imports that export. Bound to the lender, the import
        // would read the lender's memory for the borrower's call.
        Store store = NewStore();
        using Linker shared = SharedLinker();
        using var imports = new InstanceImports(Engine, store, shared);
        RelayImports.Define(imports, new Relay(_notes), GuestMemoryOptions.Checked);
        using Module module = Module.FromText(Engine, "lender", Lender);
        Instance lender = imports.Instantiate(module);
        Instance borrower = InstantiateBorrower(store, lender);
        if (Bindgen.Internals.ExportResolver.CallsExportsDirectly)
        {
            Assert.That(imports.IsBound, Is.False, "the module exports the function it imports");
            borrower.GetAction("run")!();
            lender.GetAction("run")!();
            Assert.That(_notes, Is.EqualTo(new[] { "from the borrow", "from the lender" }));
        }
        else
        {
            // Without Wasmtime's internals (BINDGEN_DIRECT_PATHS=off) the re-export is not seen; checked mode reports it.
            Assert.That(imports.IsBound, Is.True);
            Exception? e = Assert.Catch(() => borrower.GetAction("run")!());
            Assert.That(Chain(e!), Has.Some.InstanceOf<ForeignCallerException>().Or.Some.Message.Contains("bound to one instance"));
            Assert.That(_notes, Is.Empty);
        }
    }

    [Test]
    public void A_function_of_the_type_of_an_import_that_is_the_modules_own_keeps_the_module_bound()
    {
        Store store = NewStore();
        using var imports = new InstanceImports(Engine, store);
        RelayImports.Define(imports, new Relay(_notes), GuestMemoryOptions.Unchecked);
        using Module module = Module.FromText(Engine, "own", "(module (import \"relay\" \"note\" (func (param i32 i32))) (memory (export \"memory\") 1) (func (export \"same_type\") (param i32 i32)))");
        imports.Instantiate(module);
        Assert.That(imports.IsBound, Is.True);
    }

    [Test]
    public void A_module_that_shares_a_table_is_not_bound_and_serves_every_caller_with_its_own_memory()
    {
        Store store = NewStore();
        using var imports = new InstanceImports(Engine, store);
        RelayImports.Define(imports, new Relay(_notes), GuestMemoryOptions.Checked);
        using Module module = Module.FromText(Engine, "lender", TableLender);
        Instance lender = imports.Instantiate(module);
        Assert.That(imports.IsBound, Is.False, "the module exports a table");

        using var linker = new Linker(Engine);
        linker.DefineInstance(store, "lender", lender);
        using Module borrowerModule = Module.FromText(Engine, "borrower", TableBorrower);
        linker.Instantiate(store, borrowerModule).GetAction("run")!();
        lender.GetAction("run")!();
        Assert.That(_notes, Is.EqualTo(new[] { "from the borrow", "from the lender" }));
    }

    [TestCase("(module (import \"relay\" \"note\" (func (param i32 i32))) (memory (export \"memory\") 1) (table 1 funcref) (export \"t\" (table 0)))", false)]
    [TestCase("(module (import \"relay\" \"note\" (func (param i32 i32))) (import \"env\" \"t\" (table 1 funcref)) (memory (export \"memory\") 1))", false)]
    [TestCase("(module (import \"relay\" \"note\" (func $n (param i32 i32))) (memory (export \"memory\") 1) (global (export \"g\") funcref (ref.func $n)))", false)]
    [TestCase("(module (import \"relay\" \"note\" (func $n (param i32 i32))) (memory (export \"memory\") 1) (elem declare func $n) (func (export \"f\") (result funcref) (ref.func $n)))", false)]
    [TestCase("(module (import \"relay\" \"note\" (func (param i32 i32))) (import \"env\" \"give\" (func (param funcref))) (memory (export \"memory\") 1))", false)]
    [TestCase("(module (import \"relay\" \"note\" (func (param i32 i32))) (memory (export \"memory\") 1) (table 1 funcref) (global (export \"g\") i32 (i32.const 1)) (func (export \"f\") (param i64 f64) (result f32) (f32.const 0)))", true)]
    public void Imports_are_bound_unless_the_module_shares_a_table_or_reference_values(string text, bool bound)
    {
        Store store = NewStore();
        using var shared = new Linker(Engine);
        shared.DefineFunction("env", "give", (Function? f) => { });
        shared.Define("env", "t", new Table(store, TableKind.FuncRef, null, 1, 10));
        using var imports = new InstanceImports(Engine, store, shared);
        RelayImports.Define(imports, new Relay(_notes));
        using Module module = Module.FromText(Engine, "probe", text);
        imports.Instantiate(module);
        Assert.That(imports.IsBound, Is.EqualTo(bound));
    }

    [Test]
    public void The_shared_linker_form_serves_every_caller_with_its_own_memory()
    {
        Store store = NewStore();
        using Linker linker = SharedLinker();
        RelayImports.Define(linker, new Relay(_notes), GuestMemoryOptions.Unchecked);
        using Module module = Module.FromText(Engine, "lender", Lender);
        Instance lender = linker.Instantiate(store, module);
        InstantiateBorrower(store, lender).GetAction("run")!();
        lender.GetAction("run")!();
        Assert.That(_notes, Is.EqualTo(new[] { "from the borrow", "from the lender" }));
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
        }
    }

    private Linker SharedLinker()
    {
        var linker = new Linker(Engine);
        linker.DefineFunction("env", "tick", () => { _ticks++; });
        return linker;
    }

    private Instance InstantiateBound(Store store, string text, GuestMemoryOptions options)
    {
        using Linker shared = SharedLinker();
        using var imports = new InstanceImports(Engine, store, shared);
        RelayImports.Define(imports, new Relay(_notes), options);
        using Module module = Module.FromText(Engine, "guest", text);
        return imports.Instantiate(module);
    }

    private Instance InstantiateBorrower(Store store, Instance lender)
    {
        using var linker = new Linker(Engine);
        linker.DefineInstance(store, "lender", lender);
        using Module module = Module.FromText(Engine, "borrower", Borrower);
        return linker.Instantiate(store, module);
    }

    private sealed class Relay(List<string> notes) : IRelayHost
    {
        public void Note(string text) => notes.Add(text);
    }
}
