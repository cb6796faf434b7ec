using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// A binding interface declared in parts across files is bound whatever part carries the attribute and whatever
/// order the compiler sees the files in: the outcome must not depend on file order.
/// </summary>
public sealed class PartialInterfaceOrderTests
{
    private const string AttributedPart = """
        using Bindgen;
        namespace App;

        [WasmModule]
        public partial interface ITools
        {
            int Add(int a, int b);
        }
        """;

    private const string PlainPart = """
        namespace App;

        public partial interface ITools
        {
            string Echo(string text);
        }
        """;

    private const string OtherPlainPart = """
        namespace App;

        public partial interface ITools
        {
            void Fill(System.Span<byte> data);
        }
        """;

    private const string Use = """
        namespace App;

        public static class Use
        {
            public static ITools Make(Wasmtime.Store store, Wasmtime.Module module) => Tools.Instantiate(store, module);
        }
        """;

    private static IEnumerable<TestCaseData> EveryOrder()
    {
        string[] parts = [AttributedPart, PlainPart, OtherPlainPart];
        foreach (int[] order in Permutations([0, 1, 2]))
        {
            string name = string.Join(",", order.Select(i => i == 0 ? "attributed" : "plain" + i));
            yield return new TestCaseData((object)order.Select(i => parts[i]).Append(Use).ToArray()).SetName("Partial_interface_is_bound_in_order " + name);
        }
    }

    [TestCaseSource(nameof(EveryOrder))]
    public void The_attributed_part_may_be_in_any_file(string[] sources)
    {
        GenerationResult result = GeneratorHarness.Run(sources);

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.Sources.Select(s => s.SourceText.ToString())));
        string text = string.Concat(result.Sources.Select(s => s.SourceText.ToString()));
        Assert.That(text, Does.Contain("public sealed partial class Tools : global::App.ITools"));
        Assert.That(text, Does.Contain("public int Add(int a, int b)").And.Contain("public string Echo(string text)").And.Contain("public void Fill(global::System.Span<byte> data)"));
    }

    [Test]
    public void A_problem_in_a_plain_part_is_reported_when_the_attributed_part_comes_last()
    {
        GenerationResult result = GeneratorHarness.Run(
            """
            namespace App;
            public partial interface ITools { int Sum(System.Collections.Generic.List<int> values); }
            """,
            AttributedPart);

        Assert.That(result.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "BG0001" }));
        Assert.That(result.CompileProblems, Is.Empty);
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (int i = 0; i < items.Length; i++)
        {
            int[] rest = items.Where((_, j) => j != i).ToArray();
            foreach (int[] tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
