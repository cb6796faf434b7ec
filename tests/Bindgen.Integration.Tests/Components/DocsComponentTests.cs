using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using Wasmtime.Components;
using CV = Wasmtime.Components.ComponentValue;
using Docs = Bindgen.Integration.Tests.Components.Docs;
using Greet = Bindgen.Integration.Tests.Components.Docs.IGreet;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// docs.component.wasm (component/docs/): a component whose WIT has doc comments, which the build carries into the
/// binding's XML docs (checked in the generator's tests). Its calls give what Wasmtime.Components gives.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class DocsComponentTests : GuestFixture
{
    public DocsComponentTests(EngineSetting setting)
        : base(setting)
    {
    }

    [Test]
    public void A_component_with_WIT_docs_gives_what_Wasmtime_Components_gives()
    {
        Docs.Docs generated = Docs.Docs.Instantiate(Engine, NewStore(), Options);
        using Component component = Component.FromBytes(Engine, System.IO.File.ReadAllBytes(GuestFiles.PathOf("docs.component")));
        using var linker = new ComponentLinker(Engine);
        ComponentInstance reference = linker.Instantiate(NewStore(), component);
        ComponentFunction F(string name) => reference.GetFunction("local:docs/greet@0.1.0", name)!;

        foreach (string name in new[] { "Ann", string.Empty, "Zoë 😀" })
        {
            CV person = CV.Record(new[] { new KeyValuePair<string, CV>("name", CV.String(name)), new KeyValuePair<string, CV>("age", CV.U32(41)) });
            Assert.That(generated.Greet.Hello(new Greet.Person(name, 41)), Is.EqualTo(F("hello").Call(person)!.AsString()));
        }

        var shapes = new (Greet.Shape Ours, CV Theirs)[] { (new Greet.Shape.Circle(2.75f), CV.Variant("circle", CV.F32(2.75f))), (new Greet.Shape.None(), CV.Variant("none", null)) };
        foreach ((Greet.Shape ours, CV theirs) in shapes)
        {
            foreach (Greet.Mood mood in new[] { Greet.Mood.Happy, Greet.Mood.Sad })
            {
                foreach (Greet.Perms perms in new[] { Greet.Perms.None, Greet.Perms.Write, Greet.Perms.Read | Greet.Perms.Write })
                {
                    CV flags = CV.Flags(new[] { Greet.Perms.Read, Greet.Perms.Write }.Where(f => perms.HasFlag(f)).Select(f => f.ToString().ToLowerInvariant()).ToArray());
                    uint expected = F("count").Call(CV.Enum(mood.ToString().ToLowerInvariant()), theirs, flags)!.AsU32();
                    Assert.That(generated.Greet.Count(mood, ours, perms), Is.EqualTo(expected));
                }
            }
        }

        ComponentFunction add = reference.GetFunction("add")!;
        Assert.That(generated.Add(uint.MaxValue, 3), Is.EqualTo(add.Call(CV.U32(uint.MaxValue), CV.U32(3))!.AsU32()));
    }
}
