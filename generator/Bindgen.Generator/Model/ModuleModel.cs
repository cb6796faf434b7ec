using Microsoft.CodeAnalysis.Text;

namespace Bindgen.Generator.Model;

/// <summary>Which side of the boundary an interface describes.</summary>
internal enum BindingKind
{
    /// <summary>[WasmModule]: the guest's exports, called by the host.</summary>
    Exports,

    /// <summary>[WasmImports]: host functions, called by the guest.</summary>
    Imports,
}

/// <summary>One [WasmModule] or [WasmImports] interface, as plain data.</summary>
/// <param name="Kind">Which side of the boundary the interface describes.</param>
/// <param name="ImportModule">The import module name of a [WasmImports] interface.</param>
/// <param name="Namespace">The namespace as C# source (keywords escaped), or null for the global namespace.</param>
/// <param name="InterfaceName">The interface's simple name, for messages.</param>
/// <param name="InterfaceFullName">The interface's fully qualified C# name (<c>global::...</c>).</param>
/// <param name="ClassName">The generated class's name (not escaped; never a keyword).</param>
/// <param name="Accessibility">The generated class's accessibility keyword.</param>
/// <param name="HintName">The generated file's hint name; unique in the compilation once bindings are resolved.</param>
/// <param name="Methods">The members that are bound.</param>
/// <param name="Stubs">Members that cannot be bound (each has a BG error): implemented to throw, so only the BG error shows.</param>
/// <param name="Diagnostics">Every diagnostic of the interface.</param>
/// <param name="CanEmit">False when an error concerns the whole interface: then no class is generated.</param>
/// <param name="Location">The interface's name, where interface-level diagnostics found later are reported.</param>
/// <param name="Abi">The ABI and what only it reads (for example the C convention's names, or the wasm-bindgen glue).</param>
/// <param name="Initialize">[WasmModule(Initialize = ...)]: null when not given (the runtime then calls <c>_initialize</c> if exported).</param>
/// <param name="File">[WasmModule(File = ...)] reduced to its file name: the module checked at build time and embedded; null when not given.</param>
/// <param name="FileLocation">Where File is given, for diagnostics about the module as a whole.</param>
/// <param name="InitializeLocation">Where Initialize is given, for the check that the module exports it.</param>
internal sealed record ModuleModel(
    BindingKind Kind,
    string? ImportModule,
    string? Namespace,
    string InterfaceName,
    string InterfaceFullName,
    string ClassName,
    string Accessibility,
    string HintName,
    EquatableArray<MethodModel> Methods,
    EquatableArray<MemberStub> Stubs,
    EquatableArray<DiagnosticInfo> Diagnostics,
    bool CanEmit,
    LocationInfo? Location,
    ModuleAbi Abi,
    string? Initialize = null,
    string? File = null,
    LocationInfo? FileLocation = null,
    LocationInfo? InitializeLocation = null)
{
    public bool HasErrors => Diagnostics.Count > 0;

    /// <summary>Whether some method takes a <c>CancellationToken</c>: the binding then needs the engine and store.</summary>
    public bool Cancellable
    {
        get
        {
            foreach (MethodModel method in Methods)
            {
                if (method.CancellationToken is not null)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The namespace-qualified class name, as the key under which two bindings clash.</summary>
    public string QualifiedClassName => Namespace is null ? ClassName : Namespace + "." + ClassName;
}

/// <summary>One method of a binding interface and the export it calls (or the import it provides).</summary>
/// <param name="Name">The method's name as declared (not escaped), for messages.</param>
/// <param name="ExportName">The export (or import) name.</param>
/// <param name="Parameters">The parameters, in order.</param>
/// <param name="ReturnType">The result.</param>
/// <param name="FieldName">The name of the generated member that holds this method's export; unique in the class.</param>
/// <param name="DeclaringInterface">The fully qualified interface that declares the method (a base interface for inherited ones).</param>
/// <param name="ImplementExplicitly">Whether the binding class implements the method explicitly (its name clashes with a member of the class, or it is not public).</param>
/// <param name="Lowered">The method's wasm signature under its ABI.</param>
/// <param name="CancellationToken">
/// The escaped name of the method's last parameter when it is a <c>CancellationToken</c>, else null. The token is
/// not lowered to wasm (it is not in <see cref="Parameters"/> or <see cref="Lowered"/>): the glue registers it
/// around the invoke stage only.
/// </param>
/// <param name="TokenOnlyPrefix">The prefix of generated locals when the token is the only parameter (see <see cref="ParameterModel.LocalPrefix"/>).</param>
/// <param name="Location">Where the export is named: the [WasmExport] argument, else the method's name; for build-time checks.</param>
/// <param name="Abi">What only the method's ABI reads: the WIT types under the canonical ABI, the wasm-bindgen types and glue wrapper, ...</param>
internal sealed record MethodModel(
    string Name,
    string ExportName,
    EquatableArray<ParameterModel> Parameters,
    TypeModel ReturnType,
    string FieldName,
    string DeclaringInterface,
    bool ImplementExplicitly,
    LoweredSignature Lowered,
    MethodAbi Abi,
    string? CancellationToken = null,
    string TokenOnlyPrefix = "__",
    LocationInfo? Location = null)
{
    /// <summary>The method's name as a C# identifier.</summary>
    public string Identifier => Emit.CSharpText.Identifier(Name);

    /// <summary>The prefix of every local the generated method declares (see <see cref="ParameterModel.LocalPrefix"/>).</summary>
    public string LocalPrefix => Parameters.Count == 0 ? TokenOnlyPrefix : Parameters[0].LocalPrefix;

    /// <summary>The name of a generated local of this method, e.g. <c>__block</c>.</summary>
    public string Local(string name) => LocalPrefix + name;
}

/// <summary>A parameter: its escaped C# name, its type, and whether it is declared <c>params</c>.</summary>
/// <param name="Name">The escaped C# name.</param>
/// <param name="Type">The type.</param>
/// <param name="IsParams">Whether the parameter is declared <c>params</c>.</param>
/// <param name="Passing">Whether it is passed by value or as <c>ref</c>, <c>out</c> or <c>in</c>.</param>
/// <param name="LocalPrefix">
/// The prefix of the method's generated locals: <c>__</c>, lengthened until no parameter of the method starts with it,
/// so a generated local never shadows a parameter or is shadowed by one. The same for every parameter of a method.
/// </param>
internal sealed record ParameterModel(string Name, TypeModel Type, bool IsParams = false, string LocalPrefix = "__", Passing Passing = Passing.Value)
{
    /// <summary>The parameter's name without the <c>@</c> of a keyword, as text for messages and local names.</summary>
    public string PlainName => Name.TrimStart('@');
}

/// <summary>
/// A member the generator cannot bind, as the explicit implementation that throws in its place: the
/// declaration (for example <c>int global::N.IBad.Count</c>) and the body kind.
/// </summary>
/// <param name="Declaration">The explicit implementation's declaration, without body.</param>
/// <param name="Shape">How the body is written.</param>
/// <param name="Message">The <see cref="System.NotSupportedException"/> message.</param>
internal sealed record MemberStub(string Declaration, StubShape Shape, string Message);

/// <summary>The body shapes of <see cref="MemberStub"/>.</summary>
internal enum StubShape
{
    /// <summary><c>=&gt; throw ...;</c></summary>
    Method,

    /// <summary><c>{ get =&gt; throw ...; }</c></summary>
    GetOnly,

    /// <summary><c>{ set =&gt; throw ...; }</c></summary>
    SetOnly,

    /// <summary><c>{ get =&gt; throw ...; set =&gt; throw ...; }</c></summary>
    GetSet,

    /// <summary><c>{ get =&gt; throw ...; init =&gt; throw ...; }</c></summary>
    GetInit,

    /// <summary><c>{ add =&gt; throw ...; remove =&gt; throw ...; }</c></summary>
    Event,
}

/// <summary>A diagnostic as data: descriptor id, message arguments and a source location.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> MessageArgs);

/// <summary>A source location as data, so models never hold syntax trees.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan);
