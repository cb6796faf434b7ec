using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports (BG0xxx), in one catalog.</summary>
internal static class DiagnosticDescriptors
{
    public const string HelpLinkBase = "https://github.com/bindgen-dotnet/bindgen/blob/main/docs/diagnostics/";
    private const string Category = "Bindgen.Generator";

    public static readonly DiagnosticDescriptor UnsupportedType = Create(
        "BG0001",
        "Unsupported type in a WebAssembly binding",
        "{0} has type '{1}', which Bindgen cannot pass to WebAssembly{2}; supported: {3}",
        "A parameter or result has a type with no marshaller. The member is generated as a stub that throws NotSupportedException; the rest of the binding works.");

    public static readonly DiagnosticDescriptor DuplicateExportName = Create(
        "BG0002",
        "Two methods bind the same export or import",
        "Method '{0}' binds {1} '{2}', which method '{3}' already binds; give one of them another name with [WasmExport] or [WasmImport]",
        "Each export or import can be bound by one method of an interface. The second method is generated as a stub that throws NotSupportedException.");

    public static readonly DiagnosticDescriptor InvalidExportName = Create(
        "BG0003",
        "Invalid export, import or module name",
        "'{0}' is not a valid WebAssembly name: {1}",
        "WebAssembly names are non-empty UTF-8 strings; Bindgen also refuses control characters and surrounding white space, which are almost always mistakes.");

    public static readonly DiagnosticDescriptor NotAnInterface = Create(
        "BG0004",
        "Binding attributes must be on an interface",
        "'{0}' is a {1}; {2} must be placed on an interface",
        "[WasmModule] and [WasmImports] describe a module as a C# interface; no class is generated for other kinds of type.");

    public static readonly DiagnosticDescriptor GenericInterface = Create(
        "BG0005",
        "Generic binding interfaces are not supported",
        "'{0}' is generic; WebAssembly functions have fixed types, so binding interfaces cannot have type parameters",
        "No class is generated for a generic binding interface.");

    public static readonly DiagnosticDescriptor TooManyParameters = Create(
        "BG0006",
        "Too many WebAssembly parameters",
        "Method '{0}' needs {1} WebAssembly parameters (strings and buffers take two, a string or byte[] result one more); at most {2} are supported for an {3}",
        "The method's lowered signature is longer than Wasmtime's typed delegates allow. The method is generated as a stub that throws NotSupportedException.");

    public static readonly DiagnosticDescriptor UnsupportedMember = Create(
        "BG0007",
        "Unsupported interface member",
        "{0}",
        "A binding interface may declare instance methods with by-value parameters. Other members are generated as stubs that throw NotSupportedException, so the rest of the binding works.");

    public static readonly DiagnosticDescriptor NestedInterface = Create(
        "BG0008",
        "Nested binding interfaces are not supported",
        "'{0}' is nested in '{1}'; declare binding interfaces at namespace level",
        "No class is generated for a nested binding interface.");

    public static readonly DiagnosticDescriptor ClassNameClash = Create(
        "BG0009",
        "Two bindings generate the same class",
        "'{0}' ({1}) would generate class '{2}', which {3}; choose another name with ClassName = \"...\" on the attribute",
        "Each binding generates one class in the interface's namespace. When two bindings (or a binding and a type the project declares) need the same name, neither class is generated.");

    public static readonly DiagnosticDescriptor InvalidClassName = Create(
        "BG0010",
        "Invalid generated class name",
        "'{0}' cannot name the generated class: {1}",
        "ClassName must be a C# identifier that is not a keyword and not the name of a member the generated class declares.");

    public static readonly DiagnosticDescriptor InterfaceCannotBeBound = Create(
        "BG0011",
        "Interface cannot be bound",
        "'{0}' cannot be bound: {1}",
        "The generated class is a separate file of the same compilation and must be able to name the interface.");

    public static readonly DiagnosticDescriptor MisplacedCancellationToken = Create(
        "BG0012",
        "CancellationToken in an unsupported position",
        "{0}",
        "A [WasmModule] method may take a CancellationToken as its last parameter: cancelling it interrupts the guest call. It is not passed to WebAssembly. Elsewhere, and on [WasmImports] methods (the guest calls them and has no token to give), it is an error. The method is generated as a stub that throws NotSupportedException.");

    public static readonly DiagnosticDescriptor ModuleFileNotFound = Create(
        "BG0013",
        "The module file is not part of the build",
        "[WasmModule(File = \"{0}\")] names no module of this build: {1}",
        "File names a .wasm file by its file name; the project must list it as a <BindgenModule Include=\"...\" /> item, which the build describes for the generator and embeds in the assembly.");

    public static readonly DiagnosticDescriptor ExportNotFound = Create(
        "BG0014",
        "The module does not export the function",
        "{0} calls export '{1}', which module '{2}' does not export{3}",
        "The method's export (its name in snake_case, or the name given with [WasmExport]), or the initializer named with Initialize = \"...\", is not among the module's exports. Rename the method, name the export explicitly, or rebuild the module.");

    public static readonly DiagnosticDescriptor ExportSignatureMismatch = Create(
        "BG0015",
        "The export's signature differs from the declaration",
        "{0} calls export '{1}' as {2}, but module '{3}' exports {4}. {5}",
        "The method's wasm signature (each parameter and result lowered under the C convention, docs/abi.md) must equal the export's function type exactly.");

    public static readonly DiagnosticDescriptor AllocatorMissing = Create(
        "BG0016",
        "The module lacks the memory or allocator the binding needs",
        "'{0}' passes strings or buffers ({1}), which needs the module to export {2}; module '{3}' {4}",
        "Under the C convention a binding that copies strings or buffers needs the guest's exported linear memory 'memory' and its allocator 'malloc: (i32) -> i32' and 'free: (i32) -> ()' (docs/abi.md section 1).");

    public static readonly DiagnosticDescriptor OtherAbiDetected = Create(
        "BG0017",
        "The module looks built for another ABI",
        "Module '{0}' exports {1}, which {2}, but '{3}' binds it with the C convention; {4}",
        "Exports such as cabi_realloc and cabi_post_* belong to the component model's canonical ABI, __wbindgen_* to wasm-bindgen. Calling such a module with the C convention usually fails at run time.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnboundExports = Create(
        "BG0018",
        "Exports the interface does not bind",
        "'{0}' binds {1} of the {2} function exports of '{3}'; not bound: {4}",
        "For information: the module's function exports that no method of the interface calls (the allocator and the initializer are not listed).",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor UnprovidedImports = Create(
        "BG0019",
        "Imports no [WasmImports] interface provides",
        "Module '{0}' imports {1}, which no [WasmImports] interface of this compilation provides; instantiate it through a linker that defines them{2}",
        "For information: imports the module declares that the compilation's [WasmImports] interfaces do not register. Instantiating with Instantiate(Store, ...) then fails; a Linker must define them.",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor AbiNotSupported = Create(
        "BG0020",
        "ABI not supported yet",
        "Bindgen does not support {0} yet; no class is generated for this binding",
        "The attribute asks for a calling convention Bindgen does not implement yet (docs/canonical-abi.md lists what is missing). Use WasmAbi.C or WasmAbi.Canonical.");

    public static readonly DiagnosticDescriptor GlueNotFound = Create(
        "BG0021",
        "JavaScript glue not found",
        "The binding '{0}' needs its package's JavaScript glue: {1}",
        "[WasmModule(Abi = WasmAbi.WasmBindgen)] and a C binding with Glue (emscripten's minified names) read the package's JavaScript glue at build time. Set Glue = \"x.js\" to its file name and add the file to the project as an AdditionalFiles item.");

    public static readonly DiagnosticDescriptor GlueImportUnknown = Create(
        "BG0022",
        "wasm-bindgen import Bindgen does not implement",
        "The glue '{0}' defines import '{1}', whose JavaScript Bindgen does not recognize: if the module calls it, the call throws UnsupportedImportException, unless a [WasmImports] interface supplies it",
        "Bindgen implements the JavaScript operations wasm-bindgen and js-sys imports perform (docs/wasm-bindgen.md lists them). An import that does something else is reported here; many are never called (for example, those behind arguments the binding does not pass).",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor GlueSnippetNotDescribed = Create(
        "BG0037",
        "wasm-bindgen import calls the package's own JavaScript in a form Bindgen cannot describe",
        "The glue '{0}' defines import '{1}', which calls {2} of the package's own JavaScript ({3}) in a form Bindgen cannot describe as a member of the snippet interface: if the module calls it, the call throws UnsupportedImportException, unless a [WasmImports] interface supplies it",
        "A package's snippet functions become members of a C# interface the user implements (docs/wasm-bindgen.md, snippets). The glue calls them directly, its arguments converted by wasm-bindgen's helpers; an import that calls one otherwise (a string result written through a return area, a deferred string, a closure) is reported here.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor GlueExportNotFound = Create(
        "BG0023",
        "The wasm-bindgen glue has no such function",
        "'{0}' calls the glue's function '{1}', which '{2}' does not export{3}",
        "Without [WasmExport], a method calls the glue's function of its name in camelCase, else in snake_case. Rename the method or name the function with [WasmExport(\"...\")].");

    public static readonly DiagnosticDescriptor GlueExportMismatch = Create(
        "BG0024",
        "The declaration does not match the wasm-bindgen glue",
        "'{0}' does not match the glue's function '{1}': {2}",
        "The glue says how each argument is lowered and how the result is lifted; the declared C# types must agree (docs/wasm-bindgen.md has the table), and functions whose values Bindgen does not lift cannot be declared.");

    public static readonly DiagnosticDescriptor ComponentCannotBeBound = Create(
        "BG0030",
        "The component cannot be bound",
        "The component '{0}' cannot be bound: {1}",
        "The build described a <BindgenComponent> (docs/component-description.md), but the generator cannot map it to C#: a WIT type with no C# form, a core definition the runtime cannot provide, or a description of another format version. No class is generated for it.");

    public static readonly DiagnosticDescriptor ComponentNeedsCanonicalAbi = Create(
        "BG0031",
        "A component is called through the canonical ABI",
        "[WasmModule(File = \"{0}\")] names a WebAssembly component, not a core module: its functions follow the component model's canonical ABI, so '{1}' must declare Abi = WasmAbi.Canonical",
        "A component's exports are lifted through the canonical ABI (docs/canonical-abi.md); only a [WasmModule(Abi = WasmAbi.Canonical)] interface can be checked against one. A core module is listed as <BindgenModule>, a component as <BindgenComponent>; the build says which a file is when the other is given.");

    public static readonly DiagnosticDescriptor ComponentExportNotFound = Create(
        "BG0032",
        "The component does not export the function",
        "Method '{0}' calls '{1}', which component '{2}' does not export{3}",
        "A canonical method calls the function its core export name gives: 'namespace:package/interface@version#function' for a function of an exported interface (set Interface = \"...\" on [WasmModule], or name it with [WasmExport]), the function's name alone for a world-level export. The name must be one the component lifts.");

    public static readonly DiagnosticDescriptor ComponentSignatureMismatch = Create(
        "BG0033",
        "The method's WIT signature differs from the component's function",
        "Method '{0}' calls '{1}' as {2}, but component '{3}' exports {4}: {5}",
        "The WIT signature the method's C# signature derives (docs/canonical-abi.md) must have the structure of the function the component lifts: the same number of parameters, and each parameter and the result of the same WIT type.");

    public static readonly DiagnosticDescriptor ComponentWasiFallback = Create(
        "BG0040",
        "The component runs on Wasmtime.Components",
        "The component '{0}' runs on Wasmtime.Components with its WASI 0.2, behind the same generated API, because {1}",
        "A component that imports WASI runs its main module on Wasmtime's WASI preview 1 when the preview-1 adapter can be left out (docs/components.md, \"WASI\"); otherwise the whole component runs on Wasmtime.Components with AddWasiPreview2. Its calls are slower (values pass as ComponentValue) and it cannot use resources.",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor InternalError = Create(
        "BG0099",
        "Bindgen could not generate a binding",
        "Bindgen could not generate the binding for '{0}': {1}. Please report this with the interface's source.",
        "An unexpected failure inside the generator. The generator reports it instead of stopping the build; other bindings are still generated.");

    public static IReadOnlyDictionary<string, DiagnosticDescriptor> ById { get; } =
        new[] { UnsupportedType, DuplicateExportName, InvalidExportName, NotAnInterface, GenericInterface, TooManyParameters, UnsupportedMember, NestedInterface, ClassNameClash, InvalidClassName, InterfaceCannotBeBound, MisplacedCancellationToken,
            ModuleFileNotFound, ExportNotFound, ExportSignatureMismatch, AllocatorMissing, OtherAbiDetected, UnboundExports, UnprovidedImports, AbiNotSupported, GlueNotFound, GlueImportUnknown, GlueSnippetNotDescribed, GlueExportNotFound, GlueExportMismatch, ComponentCannotBeBound, ComponentNeedsCanonicalAbi, ComponentExportNotFound, ComponentSignatureMismatch, ComponentWasiFallback, InternalError }
            .ToDictionary(d => d.Id);

    private static DiagnosticDescriptor Create(string id, string title, string message, string description, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLinkBase + id + ".md");
}
