// The generator's glue reader is compiled into this assembly from its own source (see the project file); these are
// the two generator types it names that carry nothing the build task needs.
namespace Bindgen.Generator.Abi
{
    /// <summary>An additional file an ABI reads (the generator's base of <c>GlueModel</c>).</summary>
    /// <param name="FileName">The file's name without its directory.</param>
    internal abstract record AbiInput(string FileName);
}

namespace Bindgen.Generator.Model
{
    /// <summary>The wasm value types (the generator's, for <c>WasmBindgenTypes.CrossesAs</c>).</summary>
    internal enum WasmType
    {
        I32,
        I64,
        F32,
        F64,
    }
}
