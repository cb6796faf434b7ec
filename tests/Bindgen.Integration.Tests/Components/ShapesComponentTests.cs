using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using Wasmtime.Components;
using static Bindgen.Integration.Tests.Components.Shapes.ICanvas;
using CV = Wasmtime.Components.ComponentValue;
using Shapes = Bindgen.Integration.Tests.Components.Shapes;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// shapes.component.wasm (tests/guests/canonical/shapes.c and shapes.wit, made by clang and wit-component): a world
/// whose host imports take and return variants, records, tuples, enums, flags, options, results, strings and lists,
/// bound from the binary alone. The same C# canvas serves the generated binding and Wasmtime.Components; every call's
/// result, and every call the guest made to the host, must be the same.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class ShapesComponentTests : GuestFixture
{
    private const string Scene = "local:shapes/scene@0.1.0";

    public ShapesComponentTests(EngineSetting setting)
        : base(setting)
    {
    }

    /// <summary>The host's canvas: draws by computing a number, refuses labels that say "bad", looks shapes up by name.</summary>
    private sealed class Canvas : Shapes.ICanvas
    {
        public List<string> Calls { get; } = new();

        public Result<uint, string> Draw(Shape s, Layer l, Style st)
        {
            Calls.Add($"draw {s} {l} {st}");
            uint bonus = (l == Layer.Front ? 1000u : 0u) + (uint)st * 100u;
            return s switch
            {
                Shape.Dot d => Result<uint, string>.Ok(unchecked((uint)(d.Value.X * 3 + d.Value.Y)) + bonus),
                Shape.Line line => Result<uint, string>.Ok(unchecked((uint)Math.Abs(line.Value.Item2.X - line.Value.Item1.X)) + bonus),
                Shape.Label { Value: var text } when text.Contains("bad") => Result<uint, string>.Err("cannot draw '" + text + "' ✗"),
                Shape.Label label => Result<uint, string>.Ok((uint)label.Value.Length + bonus),
                _ => Result<uint, string>.Err(string.Empty),
            };
        }

        public Shape? Lookup(string name)
        {
            Calls.Add("lookup " + name);
            return name switch
            {
                "dot" => new Shape.Dot(new Point(1, -2)),
                "line" => new Shape.Line((new Point(0, 0), new Point(int.MaxValue, -4))),
                "none" => new Shape.None(),
                _ when name.StartsWith("label:", StringComparison.Ordinal) => new Shape.Label(name.Substring(6)),
                _ => null,
            };
        }
    }

    private static CV ToCV(Point p) => CV.Record(new[] { new KeyValuePair<string, CV>("x", CV.S32(p.X)), new KeyValuePair<string, CV>("y", CV.S32(p.Y)) });

    private static Point ToPoint(CV v) => new(v.Field("x").AsS32(), v.Field("y").AsS32());

    private static CV ToCV(Shape s) => s switch
    {
        Shape.Dot d => CV.Variant("dot", ToCV(d.Value)),
        Shape.Line l => CV.Variant("line", CV.Tuple(new[] { ToCV(l.Value.Item1), ToCV(l.Value.Item2) })),
        Shape.Label t => CV.Variant("label", CV.String(t.Value)),
        _ => CV.Variant("none", null!),
    };

    private static Shape ToShape(CV v) => v.AsVariant() switch
    {
        "dot" => new Shape.Dot(ToPoint(v.Payload!)),
        "line" => new Shape.Line((ToPoint(v.Payload!.AsTuple()[0]), ToPoint(v.Payload!.AsTuple()[1]))),
        "label" => new Shape.Label(v.Payload!.AsString()),
        _ => new Shape.None(),
    };

    private ComponentInstance Reference(Canvas canvas, out IDisposable owner)
    {
        var component = Component.FromBytes(Engine, System.IO.File.ReadAllBytes(GuestFiles.PathOf("shapes.component")));
        var linker = new ComponentLinker(Engine);
        using (ComponentLinkerInstance root = linker.Root())
        using (ComponentLinkerInstance imports = root.AddInstance("local:shapes/canvas@0.1.0"))
        {
            imports.DefineFunction("draw", (args, results) =>
            {
                Style style = args[2].AsFlags().Aggregate(Style.None, (acc, f) => acc | (f == "bold" ? Style.Bold : Style.Dashed));
                Result<uint, string> r = canvas.Draw(ToShape(args[0]), args[1].AsEnum() == "front" ? Layer.Front : Layer.Back, style);
                results[0] = r.IsOk ? CV.Ok(CV.U32(r.Value)) : CV.Err(CV.String(r.Error));
            });
            imports.DefineFunction("lookup", (args, results) => results[0] = canvas.Lookup(args[0].AsString()) is { } s ? CV.Some(ToCV(s)) : CV.None());
        }

        owner = new Owner(linker, component);
        return linker.Instantiate(NewStore(), component);
    }

    private sealed class Owner(ComponentLinker linker, Component component) : IDisposable
    {
        public void Dispose()
        {
            linker.Dispose();
            component.Dispose();
        }
    }

    private static string Describe(Result<uint, string> r) => r.IsOk ? "ok " + r.Value : "err " + r.Error;

    private static string Describe(CV r) => r.IsOk ? "ok " + r.Payload!.AsU32() : "err " + r.Payload!.AsString();

    [Test]
    public void Variants_records_tuples_enums_flags_and_results_through_host_imports_match_Wasmtime_Components()
    {
        var canvas = new Canvas();
        var referenceCanvas = new Canvas();
        Shapes.Shapes generated = Shapes.Shapes.Instantiate(Engine, NewStore(), canvas, Options);
        ComponentInstance reference = Reference(referenceCanvas, out IDisposable owner);
        using (owner)
        {
            ComponentFunction render = reference.GetFunction(Scene, "render")!;
            Shape[][] drawings =
            {
                new Shape[] { new Shape.Dot(new Point(2, 5)), new Shape.Line((new Point(-7, 1), new Point(9, 9))), new Shape.Label("héllo 😀"), new Shape.Dot(new Point(int.MinValue, -1)) },
                new Shape[] { new Shape.Label("ok"), new Shape.Label("bad one"), new Shape.Dot(new Point(1, 1)) },
                new Shape[] { new Shape.None() },
                Array.Empty<Shape>(),
                Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? (Shape)new Shape.Label(new string('x', i)) : new Shape.Dot(new Point(i, -i))).ToArray(),
            };
            foreach (Shape[] shapes in drawings)
            {
                foreach (Layer layer in new[] { Layer.Back, Layer.Front })
                {
                    string expected = Describe(render.Call(CV.List(shapes.Select(ToCV).ToArray()), CV.Enum(layer == Layer.Front ? "front" : "back"))!);
                    Assert.That(Describe(generated.Scene.Render(shapes, layer)), Is.EqualTo(expected), $"render of {shapes.Length} shapes on {layer}");
                }
            }

            string[] names = { "dot", "line", "none", "label:ünïcode", "label:", "missing", string.Empty };
            Shape?[] found = generated.Scene.Find(names);
            CV[] foundByReference = reference.GetFunction(Scene, "find")!.Call(CV.List(names.Select(CV.String).ToArray()))!.AsList().ToArray();
            Assert.That(found, Is.EqualTo(foundByReference.Select(v => v.IsSome ? ToShape(v.Payload!) : null).ToArray()));
            Assert.That(generated.Scene.Find(Array.Empty<string>()), Is.Empty);
            Assert.That(generated.Scene.Add(uint.MaxValue, 2), Is.EqualTo(reference.GetFunction(Scene, "add")!.Call(CV.U32(uint.MaxValue), CV.U32(2))!.AsU32()));

            // The guest made the same calls to both hosts, with the same values.
            Assert.That(canvas.Calls, Is.EqualTo(referenceCanvas.Calls));
            Assert.That(canvas.Calls, Does.Contain("draw Label { Value = bad one } Back Bold"));
        }
    }
}
