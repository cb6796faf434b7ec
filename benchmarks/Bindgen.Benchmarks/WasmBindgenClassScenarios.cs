using System;
using System.IO;
using Wasmtime;

namespace Bindgen.Benchmarks;

/// <summary>
/// @silvia-odwyer/photon-node 0.3.4 as the wasm-bindgen tests bind it (tests/Bindgen.WasmBindgen.Tests/PhotonBinding.cs,
/// the same declarations, the same glue): only the members the class-method scenario calls or checks with.
/// </summary>
[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "photon_rs.js")]
public interface IPhotonBench
{
    [WasmExport("PhotonImage.constructor")]
    IPhotonImage NewPhotonImage(byte[] rawPixels, int width, int height);

    void Invert(IPhotonImage photon_image);

    /// <summary>The class PhotonImage: pixels in the module's memory, freed on Dispose.</summary>
    public interface IPhotonImage : IDisposable
    {
        uint GetWidth();

        byte[] GetRawPixels();
    }
}

/// <summary>
/// A wasm-bindgen class method against a free function with the same argument, on a real package (photon-node):
/// <c>PhotonImage.get_width()</c> (the instance passed as <c>this</c>) and <c>invert(PhotonImage)</c> (the instance
/// lent as the argument), both on a 1x1 image, so that each export's own work (a borrow flag, a field read or a
/// 4-byte loop) stays small next to the glue. The same two exports called alone, through the same direct call the
/// binding makes, on an image made the same way, price the guest's part. Interleaved mode only; the 1.9 MB module is
/// compiled only when the filter names the scenario.
/// </summary>
public sealed class WasmBindgenClassScenarios : IDisposable
{
    /// <summary>The scenario's name: the module is compiled only when the filter is a part of it (or there is none).</summary>
    public const string Name = "wasm-bindgen class method vs free function (photon-node)";

    private readonly Engine _engine = new();
    private readonly Store _store;
    private IPhotonBench.IPhotonImage? _image;

    public WasmBindgenClassScenarios() => _store = new Store(_engine);

    public Interleaved.Scenario[] Scenarios()
    {
        using Module module = Module.FromFile(_engine, Path.Combine(WasmBindgenAnchor.NpmFolder, "node_modules", "@silvia-odwyer", "photon-node", "photon_rs_bg.wasm"));
        PhotonBench photon = PhotonBench.Instantiate(_engine, _store, module);
        IPhotonBench.IPhotonImage image = _image = photon.NewPhotonImage([1, 2, 3, 255], 1, 1);
        var exports = new RawPhotonExports(photon.Instance);
        int rawImage = exports.NewImage([1, 2, 3, 255], 1, 1);
        photon.Invert(image);
        exports.Invert(rawImage);
        if (image.GetWidth() != 1 || exports.GetWidth(rawImage) != 1 || !image.GetRawPixels().AsSpan().SequenceEqual((byte[])[254, 253, 252, 255]))
        {
            throw new InvalidOperationException("photon: invert or get_width of a 1x1 image gave another answer");
        }

        return
        [
            new(Name,
            [
                new Interleaved.Variant("Free function invert(PhotonImage)", () => photon.Invert(image)),
                new Interleaved.Variant("Class method PhotonImage.get_width()", () => image.GetWidth()),
                new Interleaved.Variant("Export invert alone (the binding's direct call)", () => exports.Invert(rawImage)),
                new Interleaved.Variant("Export photonimage_get_width alone (the binding's direct call)", () => exports.GetWidth(rawImage)),
            ]),
        ];
    }

    public void Dispose()
    {
        _image?.Dispose();
        _store.Dispose();
        _engine.Dispose();
    }

    /// <summary>
    /// The exports behind the two calls alone, resolved by the runtime's <see cref="Bindgen.Internals.ExportResolver"/> as
    /// the binding resolves them (the same direct call into Wasmtime), without the store gate or the instance checks, on
    /// an image made as the glue's constructor makes it.
    /// </summary>
    private sealed class RawPhotonExports
    {
        private readonly Instance _instance;

        public RawPhotonExports(Instance instance)
        {
            _instance = instance;
            var exports = new Bindgen.Internals.ExportResolver(instance, "photon-node exports");
            Invert = exports.Action<int>("invert", "(i32) -> ()");
            GetWidth = exports.Func<int, int>("photonimage_get_width", "(i32) -> i32");
            if (exports.Problems.Count > 0)
            {
                throw exports.Problems[0];
            }
        }

        public Action<int> Invert { get; }

        public Func<int, int> GetWidth { get; }

        /// <summary>The pixels into a guest allocation that the new image takes over.</summary>
        public int NewImage(byte[] pixels, int width, int height)
        {
            int pointer = _instance.GetFunction("__wbindgen_malloc")!.WrapFunc<int, int, int>()!(pixels.Length, 1);
            pixels.CopyTo(_instance.GetMemory("memory")!.GetSpan(pointer, pixels.Length));
            return _instance.GetFunction("photonimage_new")!.WrapFunc<int, int, int, int, int>()!(pointer, pixels.Length, width, height);
        }
    }
}
