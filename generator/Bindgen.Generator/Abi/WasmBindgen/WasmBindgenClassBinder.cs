using System;
using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Diagnostics;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>Binds each declared class to the glue's class of its name, and each of its members to that class's method, getter or setter.</summary>
internal static class WasmBindgenClassBinder
{
    public static EquatableArray<WasmBindgenClass> Bind(EquatableArray<WasmBindgenClass> classes, GlueModel glue, List<DiagnosticInfo> diagnostics, Func<MethodModel, GlueExport[], MethodModel?> bindMethod, ref bool canEmit)
    {
        var bound = new List<WasmBindgenClass>();
        foreach (WasmBindgenClass declared in classes)
        {
            canEmit &= declared.Complete;
            GlueClass? glueClass = glue.Classes.AsSpan().ToArray().FirstOrDefault(c => c.Name == declared.Name);
            if (glueClass is null)
            {
                IReadOnlyList<string> closest = Check.SignatureAdvice.ClosestNames(declared.Name, glue.Classes.AsSpan().ToArray().Select(c => c.Name));
                string hint = closest.Count > 0 ? $"; did you mean {string.Join(" or ", closest.Select(n => "'I" + n + "'"))}?" : "; a nested interface I<Name> declares the class <Name>";
                diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.GlueExportNotFound, declared.Location, declared.InterfaceFullName.Replace("global::", string.Empty), "class " + declared.Name, glue.FileName, hint));
                canEmit = false;
                bound.Add(declared);
                continue;
            }

            if (glueClass.Free is null)
            {
                diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.GlueExportMismatch, declared.Location, declared.Name, "class " + declared.Name, "its free() could not be read, so an instance could not be freed"));
                canEmit = false;
            }

            var members = new List<MethodModel>();
            foreach (MethodModel member in declared.Members)
            {
                WasmBindgenSignature signature = member.WasmBindgen();
                GlueMemberKind kind = signature.Accessor switch
                {
                    WasmBindgenAccessor.Get => GlueMemberKind.Getter,
                    WasmBindgenAccessor.Set => GlueMemberKind.Setter,
                    _ => GlueMemberKind.Method,
                };
                string prefix = declared.Name + "." + (kind == GlueMemberKind.Getter ? "get " : kind == GlueMemberKind.Setter ? "set " : string.Empty);
                GlueExport[] candidates = glue.Exports.AsSpan().ToArray().Where(e => e.Member == kind && e.TakesSelf && e.JsName.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
                // [WasmExport("Class.member")] is taken as it is; any other name is the member's, under the class.
                MethodModel named = signature.NameGiven && member.ExportName.StartsWith(declared.Name + ".", StringComparison.Ordinal)
                    ? member
                    : member with { ExportName = prefix + member.ExportName, Abi = signature with { SnakeName = prefix + signature.SnakeName } };
                MethodModel? result = bindMethod(named, candidates);
                canEmit &= result is not null;
                members.Add(result ?? member);
            }

            bound.Add(declared with { Members = members.ToEquatableArray(), Bound = glueClass });
        }

        return bound.ToEquatableArray();
    }
}
