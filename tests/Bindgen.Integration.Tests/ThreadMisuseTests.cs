using System;
using NUnit.Framework;

namespace Bindgen.Integration.Tests;

/// <summary>
/// A store belongs to one thread at a time: two threads calling one binding, or two bindings of one store, at once
/// get a typed exception naming the binding and both threads, and the process lives on. Run in a child process
/// (tests/Bindgen.NaiveGlue, ThreadMisuse.cs) because without the check Wasmtime aborts the process.
/// </summary>
public sealed class ThreadMisuseTests
{
    private static readonly string Program = ChildProcess.BuiltProgram("NaiveGluePath");

    [Test]
    public void Two_threads_on_one_binding_get_the_typed_exception_and_the_process_exits_normally()
    {
        (int exitCode, string output) = ChildProcess.Run(Program, "threads-one-binding", GuestFiles.PathOf("types"));

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("wrong=0 other=0 works=True"), output);
        Assert.That(output, Does.Match(@"first: .*'IRacedTypes'.*racer-[ab].*racer-[ab]"), "the message names the binding and both threads");
    }

    [Test]
    public void Two_threads_on_two_bindings_of_one_store_get_the_typed_exception_and_the_process_exits_normally()
    {
        (int exitCode, string output) = ChildProcess.Run(Program, "threads-one-store", GuestFiles.PathOf("types"));

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("wrong=0 other=0 works=True"), output);
        Assert.That(output, Does.Match(@"first: .*'IRaced(Types|Upper)'.*racer-[ab].*racer-[ab]"));
    }

    [Test]
    public void A_call_from_another_thread_while_the_store_is_in_a_host_function_is_refused_before_Wasmtime()
    {
        (int exitCode, string output) = ChildProcess.Run(Program, "threads-held", GuestFiles.PathOf("bounded"));

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("typed=1 wrong=0 result="), output);
        Assert.That(output, Does.Contain("'IHeldGuest'").And.Contain("'intruder'").And.Contain("'owner'"), output);
    }
}
