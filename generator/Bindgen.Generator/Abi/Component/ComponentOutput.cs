using System;
using Bindgen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Bindgen.Generator.Abi.Component;

/// <summary>The output step of a component: its source file, or BG0030 at the description when it cannot be bound.</summary>
internal static class ComponentOutput
{
    public static void Execute(SourceProductionContext context, ComponentFile file)
    {
        string? problem = file.Error;
        string? source = null;
        if (problem is null)
        {
            try
            {
                source = ComponentEmitter.Emit(file, out problem);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problem = "the generator failed (" + e.GetType().Name + ": " + e.Message + "); please report this with the component";
            }
        }

        if (source is null)
        {
            Location location = Location.Create(file.Path, default, default);
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ComponentCannotBeBound, location, file.FileName, problem ?? "unknown"));
            return;
        }

        if (file.Wasi is { Bypass: false, Host: false } fallback)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ComponentWasiFallback, Location.Create(file.Path, default, default), file.FileName,
                (fallback.Reason ?? "the preview-1 adapter cannot be left out") + "; calls are slower there, and resources are not supported"));
        }

        context.AddSource("Component." + Emit.CSharpText.HintFragment(file.FileName) + ".g.cs", SourceText.From(source, System.Text.Encoding.UTF8));
    }
}
