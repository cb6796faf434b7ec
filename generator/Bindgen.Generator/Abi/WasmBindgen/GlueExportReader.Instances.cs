using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>Optional class instances: an <c>Option&lt;T&gt;</c> or <c>Option&lt;&amp;T&gt;</c> argument, an <c>Option&lt;T&gt;</c> result.</summary>
internal static partial class GlueExportReader
{
    /// <summary>
    /// <c>let ptr0 = 0; if (!isLikeNone(x)) { _assertClass(x, C); ptr0 = x.__destroy_into_raw(); }</c> (moved; <c>x.__wbg_ptr</c>:
    /// lent), or inline <c>isLikeNone(x) ? 0 : x.__destroy_into_raw()</c> beside <c>_assertClass(x, C)</c>; else null.
    /// </summary>
    private static GlueParameter? OptionalInstance(string argument, string body, string[] jsParameters)
    {
        Match block = Regex.Match(body, @"let\s+" + Regex.Escape(argument) + @"\s*=\s*0;\s*if\s*\(\s*!isLikeNone\((?<name>\w+)\)\s*\)\s*\{\s*_assertClass\(\k<name>,\s*(?<class>\w+)\);\s*"
            + Regex.Escape(argument) + @"\s*=\s*\k<name>\.(?<how>__destroy_into_raw\(\)|__wbg_ptr|ptr)\s*;");
        Match inline = Regex.Match(argument, @"^isLikeNone\((?<name>\w+)\)\s*\?\s*0\s*:\s*\k<name>\.(?<how>__destroy_into_raw\(\)|__wbg_ptr|ptr)$");
        Match found = block.Success ? block : inline;
        if (!found.Success || Array.IndexOf(jsParameters, found.Groups["name"].Value) < 0)
        {
            return null;
        }

        string name = found.Groups["name"].Value;
        string? cls = block.Success ? block.Groups["class"].Value : Regex.Match(body, @"_assertClass\(" + Regex.Escape(name) + @",\s*(?<class>\w+)\)") is { Success: true } asserted ? asserted.Groups["class"].Value : null;
        if (cls is null)
        {
            return new GlueParameter(name, GlueParameterKind.Other, "an optional instance of an exported class whose class the glue does not assert");
        }

        // Before 0.2.87 a move reads ptr and then zeroes it (x.ptr = 0); later ones call __destroy_into_raw().
        bool moved = found.Groups["how"].Value.StartsWith("__destroy", StringComparison.Ordinal)
            || (found.Groups["how"].Value == "ptr" && Regex.IsMatch(body, Regex.Escape(name) + @"\.ptr\s*=\s*0\s*;"));
        return new GlueParameter(name, moved ? GlueParameterKind.OptionalOwnedInstance : GlueParameterKind.OptionalBorrowedInstance, found.Value, cls);
    }

    /// <summary><c>return ret === 0 ? undefined : C.__wrap(ret);</c> (or a word of the return area): the class and the pointer's slot (-1: the direct result); else null.</summary>
    private static (string Class, int Slot)? OptionalInstanceResult(string body, GlueTransport transport, Dictionary<string, int> slots)
    {
        Match wrap = Regex.Match(body, @"return\s+(?<v>[\w\[\]]+)\s*===\s*0\s*\?\s*(?:undefined|void 0)\s*:\s*(?<class>\w+)\.__wrap\(\k<v>\)\s*;");
        if (!wrap.Success)
        {
            return null;
        }

        string v = wrap.Groups["v"].Value;
        int slot = transport == GlueTransport.Direct ? (v == "ret" ? -1 : -2) : Slot(v, slots);
        return slot is -2 || (transport != GlueTransport.Direct && slot < 0) ? null : (wrap.Groups["class"].Value, slot);
    }
}
