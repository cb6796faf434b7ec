using System;
using Bindgen;

namespace Bindgen.Integration.Tests;

/// <summary>The exports of tests/guests/reactor.wasm, a WASI reactor whose exports need _initialize to have run.</summary>
[WasmModule]
public interface IReactorGuest
{
    int SquareOf(int i);

    string Greeting();

    int Constructions();

    int LiveAllocations();
}

/// <summary>tests/guests/custom_init.wasm, whose initializer is named "setup".</summary>
[WasmModule(Initialize = "setup")]
public interface ICustomInitGuest
{
    int Answer();

    int InitCount();
}

/// <summary>The same module with the default: its "_initialize" export runs, "setup" does not.</summary>
[WasmModule]
public interface IDefaultInitGuest
{
    int Answer();

    int InitCount();
}

/// <summary>The same module with initialization turned off.</summary>
[WasmModule(Initialize = "")]
public interface IUninitializedGuest
{
    int Answer();
}

/// <summary>An initializer name the module does not export (a typo of "setup").</summary>
[WasmModule(Initialize = "set_up")]
public interface IMisnamedInitGuest
{
    int Answer();
}

/// <summary>An initializer that traps.</summary>
[WasmModule(Initialize = "setup_traps")]
public interface ITrappingInitGuest
{
    int Answer();
}

/// <summary>tests/guests/hostile.wasm's exports that break the protocol rather than the bounds.</summary>
[WasmModule]
public interface IProtocolBreaker
{
    string NoWrite();

    byte[] NoWriteAfterAlloc();

    byte[] NullWithLength();

    byte[] ResultIsReturnArea();

    byte[] EmptyAtReturnArea();

    string EchoArgument(string text);

    byte[] EmptyOk();

    byte[] OkBytes();

    int LiveAllocations();
}

/// <summary>tests/guests/hostile_malloc.wasm: malloc returns a block at 0xFFFFFFF8.</summary>
[WasmModule]
public interface IHostileMallocGuest
{
    string Take(string text);

    int Calls();

    int LiveAllocations();
}

/// <summary>tests/guests/trapping_free.wasm: free traps after break_free.</summary>
[WasmModule]
public interface ITrappingFreeGuest
{
    string Echo(string text);

    int LengthOf(string text);

    int Explode(string text);

    void BreakFree();

    int LiveAllocations();
}

/// <summary>tests/guests/hostile_import_caller.wasm: passes host imports return areas outside memory.</summary>
[WasmModule]
public interface IHostileImportCaller
{
    void UpperPastEnd();

    void MakeBytesWrapping();

    int LiveAllocations();
}

/// <summary>
/// A binding with many mistakes against types.wasm: two misspelled exports, a wrong parameter type, and two
/// results declared as the wrong kind.
/// </summary>
[WasmModule]
public interface IBrokenTypesGuest
{
    int BumpCnt();

    [WasmExport("to_uper")]
    string ToUpper(string text);

    long AddI32(long a, long b);

    int Concat(string first, string second);

    string MaxU32(uint a, uint b);

    int Negate(int value);
}
