using System.Globalization;
using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// The exported classes of a wasm-bindgen binding: one nested class per class interface, holding the instance's
/// pointer; <c>Dispose</c> frees it once; a moved or disposed instance throws <c>ObjectDisposedException</c> naming
/// the class before any guest call; an instance never disposed is freed by the binding's next call on its own
/// thread (the finalizer only queues its pointer, it never calls into the store).
/// </summary>
internal static class WasmBindgenClassEmitter
{
    public static void EmitFreeFields(IndentedWriter w, ModuleModel module)
    {
        WasmBindgenClass[] classes = module.WasmBindgen().Classes.AsSpan().ToArray();
        if (classes.Length == 0)
        {
            return;
        }

        foreach (WasmBindgenClass c in classes)
        {
            w.Line($"private readonly {(c.Bound!.FreeTakesFlag ? "global::System.Action<int, int>" : "global::System.Action<int>")} _free_{c.Name};");
        }

        w.Line("/// <summary>Pointers of instances finalized undisposed (class index, pointer): freed by the next call, on the binding's thread.</summary>");
        w.Line("private readonly global::Bindgen.Internals.DeferredDrops _finalized = new();");
    }

    public static void EmitFreeResolution(IndentedWriter w, ModuleModel module)
    {
        foreach (WasmBindgenClass c in module.WasmBindgen().Classes)
        {
            string free = CSharpText.Literal(c.Bound!.Free!);
            w.Line(c.Bound.FreeTakesFlag
                ? $"_free_{c.Name} = __exports.Action<int, int>({free}, \"(i32, i32) -> ()\");"
                : $"_free_{c.Name} = __exports.Action<int>({free}, \"(i32) -> ()\");");
        }
    }

    public static void Emit(IndentedWriter w, ModuleModel module)
    {
        WasmBindgenClass[] classes = module.WasmBindgen().Classes.AsSpan().ToArray();
        if (classes.Length == 0)
        {
            return;
        }

        w.Line();
        w.Line("/// <summary>Frees the instances finalized undisposed; called first by every method, so on the thread that uses the binding.</summary>");
        w.Open("private void ReleaseFinalized()");
        w.Open("while (_finalized.HasPending && _finalized.TryDequeue(out (int Kind, int Value) __item))");
        w.Line("FreeInstance(__item.Kind, __item.Value);");
        w.Close();
        w.Close();
        w.Line();
        w.Line("/// <summary>Calls the class's <c>__wbg_&lt;class&gt;_free</c> on one pointer.</summary>");
        w.Open("private void FreeInstance(int @class, int pointer)");
        w.Open("try");
        w.Open("switch (@class)");
        for (int i = 0; i < classes.Length; i++)
        {
            w.Line($"case {i.ToString(CultureInfo.InvariantCulture)}: _free_{classes[i].Name}(pointer{(classes[i].Bound!.FreeTakesFlag ? ", 0" : string.Empty)}); break;");
        }

        w.Close();
        w.Close();
        w.Open("catch (global::Wasmtime.WasmtimeException __e)");
        w.Line("throw global::Bindgen.Internals.GuestFailures.FromWasmtime(Binding + \" (free of a class instance)\", __e);");
        w.Close();
        w.Close();
        WasmBindgenInstanceEmitter.EmitFactory(w, module);
        for (int i = 0; i < classes.Length; i++)
        {
            w.Line();
            EmitClass(w, module, classes[i], i);
        }
    }

    private static void EmitClass(IndentedWriter w, ModuleModel module, WasmBindgenClass c, int index)
    {
        string name = c.Name;
        w.Line($"/// <summary>An instance of the module's class <c>{name}</c>: dispose it to free it in the module.</summary>");
        w.Open($"public sealed class {name} : {c.InterfaceFullName}, global::Bindgen.Internals.IWasmBindgenInstance");
        w.Line($"private readonly {module.ClassName} _binding;");
        w.Line("private readonly bool _lent;");
        w.Line("private int _pointer;");
        w.Line("private bool _moved;");
        w.Line("private bool _loanEnded;");
        w.Line();
        w.Line("/// <param name=\"lent\">An instance lent to a callback: not freed by .NET, unusable once the callback returns.</param>");
        w.Open($"internal {name}({module.ClassName} binding, int pointer, bool lent = false)");
        w.Line("_binding = binding;");
        w.Line("_pointer = pointer;");
        w.Line("_lent = lent;");
        w.Line("if (lent) global::System.GC.SuppressFinalize(this);");
        w.Close();
        w.Line();
        w.Line("/// <summary>Queues the free of an instance never disposed; the binding's next call frees it on its own thread.</summary>");
        w.Open($"~{name}()");
        w.Line($"if (_pointer != 0) _binding._finalized.Enqueue({index.ToString(CultureInfo.InvariantCulture)}, _pointer);");
        w.Close();
        w.Line();
        w.Line("/// <summary>Frees the instance in the module; a second call does nothing, as does a call after the instance was moved.</summary>");
        w.Open("public void Dispose()");
        w.Line("int __pointer = _pointer;");
        w.Line("if (__pointer == 0) return;");
        w.Line("// A loan is the caller's to free (JavaScript's, in the glue): disposing it only ends it.");
        w.Open("if (_lent)");
        w.Line("_pointer = 0;");
        w.Line("_loanEnded = true;");
        w.Line("return;");
        w.Close();
        // Through the store's gate like every call: from another thread while the store is in a call it is refused, and the instance stays usable.
        w.Line($"global::Bindgen.Internals.StoreGate.Holder __entered = _binding.{StoreGateText.Field}.Enter({CSharpText.Literal(module.InterfaceName)});");
        w.Open("try");
        w.Line("_pointer = 0;");
        w.Line("global::System.GC.SuppressFinalize(this);");
        w.Line($"_binding.FreeInstance({index.ToString(CultureInfo.InvariantCulture)}, __pointer);");
        w.Close();
        w.Open("finally");
        w.Line("__entered.Leave();");
        w.Close();
        w.Close();
        w.Line();
        w.Line("/// <summary>The pointer, for a call that lends the instance; a disposed or moved instance throws.</summary>");
        w.Line("internal int Pointer(string operation) => _pointer != 0 ? _pointer : throw Unusable(operation);");
        w.Line();
        w.Line("/// <summary>The pointer, for a call that takes the instance: from now on the module owns it.</summary>");
        w.Open("internal int Move(string operation)");
        w.Line("int __pointer = Pointer(operation);");
        w.Line("_pointer = 0;");
        w.Line("_moved = true;");
        w.Line("global::System.GC.SuppressFinalize(this);");
        w.Line("return __pointer;");
        w.Close();
        w.Line();
        w.Line($"/// <summary>The instance an argument declared as the class interface is: one this binding created.</summary>");
        w.Open($"internal static {name} Of({c.InterfaceFullName} value, {module.ClassName} binding, string operation, string parameter)");
        w.Line("if (value is null) throw new global::System.ArgumentNullException(parameter);");
        w.Line($"if (value is {name} __instance && ReferenceEquals(__instance._binding, binding)) return __instance;");
        w.Line($"throw new global::System.ArgumentException(operation + \": the {name} was not created by this binding instance (another instance's pointer would be meaningless here)\", parameter);");
        w.Close();
        w.Line();
        w.Line($"private global::System.ObjectDisposedException Unusable(string operation) => new({CSharpText.Literal(name)}, operation + (_moved");
        w.Line($"    ? \": this {name} was moved into an earlier call, which took ownership of it\"");
        w.Line($"    : _loanEnded ? \": this {name} was lent to a callback that has returned (the module's instance is only valid during the callback)\"");
        w.Line($"    : \": this {name} was disposed\"));");
        WasmBindgenInstanceEmitter.EmitMembers(w, module, c);
        foreach (MethodModel member in c.Members)
        {
            if (member.WasmBindgen().Accessor == WasmBindgenAccessor.Set && c.Members.Any(m => m.Name == member.Name && m.WasmBindgen().Accessor == WasmBindgenAccessor.Get))
            {
                continue; // emitted with its getter
            }

            w.Line();
            EmitMember(w, module, c, member);
        }

        w.Close();
    }

    private static void EmitMember(IndentedWriter w, ModuleModel module, WasmBindgenClass c, MethodModel member)
    {
        WasmBindgenAccessor accessor = member.WasmBindgen().Accessor;
        if (accessor == WasmBindgenAccessor.None)
        {
            string parameters = string.Join(", ", member.Parameters.Select(p => p.Type.FullName + " " + p.Name));
            w.Line("/// <inheritdoc/>");
            w.Line("[global::Bindgen.MayGrowMemory]");
            WasmBindgenMethodEmitter.Emit(w, module, member, "this._binding", $"{member.ReturnType.FullName} {member.DeclaringInterface}.{member.Identifier}({parameters})");
            return;
        }

        MethodModel? getter = accessor == WasmBindgenAccessor.Get ? member : null;
        MethodModel? setter = accessor == WasmBindgenAccessor.Set ? member : c.Members.FirstOrDefault(m => m.Name == member.Name && m.WasmBindgen().Accessor == WasmBindgenAccessor.Set);
        string type = getter?.ReturnType.FullName ?? setter!.Parameters[0].Type.FullName;
        w.Line("/// <inheritdoc/>");
        w.Open($"{type} {member.DeclaringInterface}.{member.Identifier}");
        if (getter is not null)
        {
            w.Line("[global::Bindgen.MayGrowMemory]");
            WasmBindgenMethodEmitter.Emit(w, module, getter, "this._binding", "get");
        }

        if (setter is not null)
        {
            w.Line("[global::Bindgen.MayGrowMemory]");
            WasmBindgenMethodEmitter.Emit(w, module, setter, "this._binding", "set");
        }

        w.Close();
    }
}
