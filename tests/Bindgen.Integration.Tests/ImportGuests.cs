using System;
using Bindgen;

namespace Bindgen.Integration.Tests;

/// <summary>The host functions tests/guests/imports.wasm imports from module "host".</summary>
[WasmImports("host")]
public interface IHostFunctions
{
    void Log(string message);

    int Add(int a, int b);

    int Checksum(ReadOnlySpan<byte> data);

    void Fill(Span<byte> buffer, int value);

    string Upper(string text);

    byte[] MakeBytes(int length);

    int Reenter(int n);
}

/// <summary>The exports of tests/guests/imports.wasm: each call_* export forwards to one import. Checked against it at build time, and embedded.</summary>
[WasmModule(File = "imports.wasm")]
public interface IImportsGuest
{
    int LiveAllocations();

    int Square(int n);

    void CallLog(string message);

    int CallAdd(int a, int b);

    int CallChecksum(ReadOnlySpan<byte> data);

    byte[] CallFill(int length, int value);

    string CallUpper(string text);

    byte[] CallMakeBytes(int length);

    int CallReenter(int n);

    int GrowThenChecksum(ReadOnlySpan<byte> data, int pages);
}
