using Bindgen.Generator.Model;

namespace Bindgen.Generator.Emit;

/// <summary>
/// The thread check every export method of every ABI runs first (docs/threading.md): it enters its store's
/// <c>Bindgen.Internals.StoreGate</c> before it touches the store or the binding's per-call state, and leaves it in a
/// <c>finally</c>, so a call from a second thread is refused before any native call.
/// </summary>
internal static class StoreGateText
{
    /// <summary>The binding class's field holding its store's gate.</summary>
    public const string Field = "_storeGate";

    /// <summary>Declares the gate field.</summary>
    public static void DeclareField(IndentedWriter w) => w.Line($"private readonly global::Bindgen.Internals.StoreGate {Field};");

    /// <summary>Assigns the gate from the constructor's export resolver, named <paramref name="resolver"/>.</summary>
    public static void Assign(IndentedWriter w, string resolver = "__exports") => w.Line($"{Field} = {resolver}.StoreGate;");

    /// <summary>Enters the gate and opens the <c>try</c> the rest of the method's body goes in.</summary>
    /// <param name="w">The writer.</param>
    /// <param name="module">The binding.</param>
    /// <param name="method">The method being emitted.</param>
    /// <param name="owner">The expression for the binding object that holds the gate: <c>this</c>, or the binding a class instance belongs to.</param>
    public static void Enter(IndentedWriter w, ModuleModel module, MethodModel method, string owner = "this")
    {
        // The binding's name as a literal: a parameter may be named like the class's Binding constant. The names are
        // what the call's span and metrics carry when someone listens (docs/telemetry.md).
        w.Line($"global::Bindgen.Internals.StoreCall {method.Local("entered")} = {owner}.{Field}.Call({CSharpText.Literal(module.InterfaceName)}, {CSharpText.Literal(method.Name)}, {CSharpText.Literal(method.ExportName)});");
        w.Open("try");
    }

    /// <summary>
    /// Closes the <c>try</c> of <see cref="Enter"/> with an exception filter that notes a failure for telemetry (it
    /// never catches) and the <c>finally</c> that leaves the gate.
    /// </summary>
    public static void Exit(IndentedWriter w, MethodModel method)
    {
        w.Close();
        string failure = method.Local("failed");
        w.Open($"catch (global::System.Exception {failure}) when ({method.Local("entered")}.Failed({failure}))");
        w.Line("throw;");
        w.Close();
        w.Open("finally");
        w.Line($"{method.Local("entered")}.Leave();");
        w.Close();
    }
}
