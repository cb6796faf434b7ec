using System;
using System.Threading;
using Bindgen;

namespace Bindgen.Integration.Tests;

/// <summary>The host function tests/guests/bounded.wasm imports: <c>through_host</c> forwards its bytes to it.</summary>
[WasmImports("host")]
public interface IBoundedHost
{
    int CallBack(byte[] data);
}

/// <summary>The exports of tests/guests/bounded.wasm, each cancellable.</summary>
[WasmModule]
public interface IBoundedGuest
{
    int Spin(byte[] data, CancellationToken cancellationToken);

    int Churn(byte[] data, int rounds, CancellationToken cancellationToken);

    int ThroughHost(byte[] data, CancellationToken cancellationToken);

    byte[] Inflate(byte[] data, uint factor, CancellationToken cancellationToken);

    int Add(int a, int b);

    int LiveAllocations();
}

/// <summary>The same exports without tokens: for fuel, epoch deadlines and memory caps, which need none.</summary>
[WasmModule]
public interface IBoundedPlainGuest
{
    int Spin(byte[] data);

    int Churn(byte[] data, int rounds);

    int ThroughHost(byte[] data);

    byte[] Inflate(byte[] data, uint factor);

    int Add(int a, int b);

    int LiveAllocations();
}

/// <summary>A host whose <c>call_back</c> does what the test says.</summary>
public sealed class CallBackHost : IBoundedHost
{
    public Func<byte[], int> OnCallBack { get; set; } = static _ => 0;

    public int CallBack(byte[] data) => OnCallBack(data);
}

/// <summary>What <c>churn</c> computes: FNV-1a over the data, <c>rounds</c> times.</summary>
public static class ChurnReference
{
    public static int Of(byte[] data, int rounds)
    {
        uint hash = 2166136261u;
        for (int r = 0; r < rounds; r++)
        {
            foreach (byte b in data)
            {
                hash = unchecked((hash ^ b) * 16777619u);
            }
        }

        return unchecked((int)hash);
    }
}
