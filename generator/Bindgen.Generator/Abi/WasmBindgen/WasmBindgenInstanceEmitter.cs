using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// A generated class's JavaScript side: each instance is an <c>IWasmBindgenInstance</c> (its class name, its live
/// pointer, its getters by JavaScript name), so it crosses as itself where the module takes any value and reads
/// <c>__wbg_ptr</c> or a getter; and the binding makes instances of its classes for pointers the module hands out
/// through an import (<c>X.__wrap(ptr)</c>): owned when returned, lent to a callback for the callback's length.
/// </summary>
internal static class WasmBindgenInstanceEmitter
{
    /// <summary>In the binding's constructor: the guest makes class instances through the binding.</summary>
    public static void EmitRegistration(IndentedWriter w, ModuleModel module)
    {
        if (module.WasmBindgen().Classes.Count > 0)
        {
            w.Line("guest.Instances = WrapInstance;");
        }
    }

    /// <summary>The binding's factory of its classes' instances, by JavaScript class name.</summary>
    public static void EmitFactory(IndentedWriter w, ModuleModel module)
    {
        w.Line();
        w.Line("/// <summary>An instance of a bound class for a pointer the module handed out as a JavaScript value; null for a class not bound.</summary>");
        w.Open("private global::Bindgen.Internals.IWasmBindgenInstance? WrapInstance(string className, int pointer, bool lent)");
        w.Open("switch (className)");
        foreach (WasmBindgenClass c in module.WasmBindgen().Classes)
        {
            w.Line($"case {CSharpText.Literal(c.Name)}: return new {c.Name}(this, pointer, lent);");
        }

        w.Line("default: return null;");
        w.Close();
        w.Close();
    }

    /// <summary>The members of <c>IWasmBindgenInstance</c> in one generated class.</summary>
    public static void EmitMembers(IndentedWriter w, ModuleModel module, WasmBindgenClass c)
    {
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"string global::Bindgen.Internals.IWasmBindgenInstance.ClassName => {CSharpText.Literal(c.Name)};");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("global::Bindgen.Internals.WasmBindgenGuest global::Bindgen.Internals.IWasmBindgenInstance.Guest => _binding._guest;");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("int global::Bindgen.Internals.IWasmBindgenInstance.LivePointer => _pointer;");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open("void global::Bindgen.Internals.IWasmBindgenInstance.EndLoan()");
        w.Line("_pointer = 0;");
        w.Line("_loanEnded = true;");
        w.Close();
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open("bool global::Bindgen.Internals.IWasmBindgenInstance.TryGetJsProperty(string name, out object? value)");
        w.Open("switch (name)");
        foreach (MethodModel getter in c.Members.Where(m => m.WasmBindgen().Accessor == WasmBindgenAccessor.Get && m.WasmBindgen().Result != WasmBindgenType.Structured))
        {
            string jsName = getter.WasmBindgen().Export!.JsName;
            int get = jsName.IndexOf(".get ", System.StringComparison.Ordinal);
            if (get < 0)
            {
                continue;
            }

            w.Line($"case {CSharpText.Literal(jsName.Substring(get + 5))}: value = global::Bindgen.WasmBindgen.JsConvert.ToJs((({c.InterfaceFullName})this).{getter.Identifier}); return true;");
        }

        w.Line("default: value = null; return false;");
        w.Close();
        w.Close();
    }
}
