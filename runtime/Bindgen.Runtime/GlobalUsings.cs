// The runtime's own code sees the protocol types generated code calls (Bindgen.Internals, hidden from users' editors)
// and the JavaScript values of wasm-bindgen modules alongside the user-facing namespace.
global using System.ComponentModel;
global using Bindgen.Internals;
global using Bindgen.WasmBindgen;
