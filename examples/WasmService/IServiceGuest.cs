using System.Threading;
using Bindgen;

namespace WasmService;

/// <summary>The exports of guest/service.wasm (guest/service.c), a WASI reactor that logs to stderr.</summary>
[WasmModule(File = "service.wasm")]
public interface IServiceGuest
{
    /// <summary>"Hello, NAME! (call N of this instance)": N is 1 on a fresh instance.</summary>
    string Greet(string name);

    /// <summary>CPU work, <paramref name="rounds"/> loop iterations: bounded by fuel and by the deadline's token.</summary>
    uint Work(uint rounds, CancellationToken cancellationToken);

    /// <summary>Grows guest memory by <paramref name="pages"/> 64 KiB pages; -1 when the memory cap refuses.</summary>
    int Grow(int pages);
}
