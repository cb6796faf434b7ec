extern alias tasks;

using System.Linq;
using NUnit.Framework;
using tasks::Bindgen.Build.Tasks.Packages;

namespace Bindgen.Generator.Tests;

/// <summary>
/// An interface of a class's name, merged into the class (loro's <c>interface LoroList&lt;T = unknown&gt; { toArray(): T[]; }</c>):
/// its members type what the class's own declaration leaves out, its type parameters are any value (<c>unknown</c>), and
/// a member only it declares is no export of its own.
/// </summary>
public sealed class PackageMergedInterfaceTests
{
    private const string Declarations = """
        interface List<T = unknown> {
          toArray(): T[];
          get(index: number): T | undefined;
          insert(pos: number, value: Exclude<T, Text>): void;
          length(): number;
          helper(): void;
        }
        interface Unrelated<T> {
          toArray(): T[];
        }
        export class List {
          free(): void;
          length(): number;
        }
        """;

    [Test]
    public void Members_the_class_leaves_out_are_read_with_each_type_parameter_as_unknown()
    {
        var read = TypeScriptDeclarations.Read(Declarations);
        Assert.That(read["List.toArray"].Result, Is.EqualTo("unknown[]"));
        Assert.That(read["List.get"].Result, Is.EqualTo("unknown | undefined"));
        Assert.That(read["List.insert"].Parameters[1].Type, Is.EqualTo("Exclude<unknown, Text>"), "a type parameter inside a type argument; Text is not one");
        Assert.That(read["List.toArray"].Merged, Is.True);
        Assert.That(read["List.length"].Merged, Is.False, "the class's own declaration wins");
        Assert.That(read["List.length"].Line, Is.EqualTo(13));
        Assert.That(read.Keys.Where(k => k.StartsWith("Unrelated.", System.StringComparison.Ordinal)), Is.Empty, "an interface of no class's name is not read");
    }
}
