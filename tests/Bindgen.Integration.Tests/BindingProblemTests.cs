using System.Linq;
using NUnit.Framework;

namespace Bindgen.Integration.Tests;

/// <summary>A module that does not match its binding gets every problem reported at once, with advice.</summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class BindingProblemTests : GuestFixture
{
    public BindingProblemTests(EngineSetting setting)
        : base(setting)
    {
    }

    [Test]
    public void Every_problem_is_reported_in_one_exception()
    {
        var e = Assert.Throws<BindingException>(() => new BrokenTypesGuest(Instantiate("types"), Options))!;
        Assert.That(e, Is.Not.InstanceOf<MissingExportException>().And.Not.InstanceOf<ExportSignatureException>());
        Assert.That(e.Binding, Is.EqualTo("IBrokenTypesGuest"));
        Assert.That(e.Problems.Select(p => p.GetType().Name + ":" + ExportOf(p)), Is.EqualTo(new[]
        {
            "MissingExportException:bump_cnt",
            "MissingExportException:to_uper",
            "ExportSignatureException:add_i32",
            "ExportSignatureException:concat",
            "ExportSignatureException:max_u32",
        }));
        Assert.That(e.Message, Does.Contain("5 problems"));
        foreach (BindingException problem in e.Problems)
        {
            Assert.That(e.Message, Does.Contain(problem.Message.Substring("IBrokenTypesGuest: ".Length)));
        }
    }

    [Test]
    public void A_missing_export_suggests_the_closest_names()
    {
        var e = Assert.Throws<BindingException>(() => new BrokenTypesGuest(Instantiate("types"), Options))!;
        var bump = (MissingExportException)e.Problems[0];
        Assert.That(bump.Suggestions[0], Is.EqualTo("bump_count"));
        Assert.That(bump.Message, Does.Contain("did you mean 'bump_count'"));
        var upper = (MissingExportException)e.Problems[1];
        Assert.That(upper.Suggestions, Is.EqualTo(new[] { "to_upper" }));
    }

    [Test]
    public void A_signature_mismatch_says_why()
    {
        var e = Assert.Throws<BindingException>(() => new BrokenTypesGuest(Instantiate("types"), Options))!;
        var add = (ExportSignatureException)e.Problems[2];
        Assert.That(add.Reason, Does.Contain("parameter 1 is i32 in the module but i64 in the binding").And.Contain("section 2"));

        var concat = (ExportSignatureException)e.Problems[3];
        Assert.That(concat.Reason, Does.Contain("extra last `i32` parameter").And.Contain("`string` or `byte[]`").And.Contain("section 4"));

        var max = (ExportSignatureException)e.Problems[4];
        Assert.That(max.Reason, Does.Contain("extra last `i32` parameter").And.Contain("section 4"));
        Assert.That(max.Message, Does.EndWith(max.Reason!));
    }

    [Test]
    public void A_single_problem_throws_its_own_type()
    {
        var e = Assert.Throws<ExportSignatureException>(() => new Adder(Instantiate("wrong_signature"), Options))!;
        Assert.That(e.Problems, Is.EqualTo(new BindingException[] { e }));
    }

    private static string ExportOf(BindingException problem) => problem switch
    {
        MissingExportException m => m.ExportName,
        ExportSignatureException s => s.ExportName,
        _ => "?",
    };
}
