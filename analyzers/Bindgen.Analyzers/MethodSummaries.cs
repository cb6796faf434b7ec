using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bindgen.Analyzers;

/// <summary>What calling one of the user's own methods may do, as far as guest memory is concerned.</summary>
internal sealed class GrowSummary
{
    public static readonly GrowSummary None = new(false, ImmutableArray<int>.Empty);

    public GrowSummary(bool mayGrow, ImmutableArray<int> invokedDelegateParameters)
    {
        MayGrow = mayGrow;
        InvokedDelegateParameters = invokedDelegateParameters;
    }

    /// <summary>The method may call into the guest whatever its arguments.</summary>
    public bool MayGrow { get; }

    /// <summary>Ordinals of delegate parameters the method invokes: the call grows memory if one of those arguments does.</summary>
    public ImmutableArray<int> InvokedDelegateParameters { get; }
}

/// <summary>
/// Summaries of the methods declared in the compilation, inferred from their bodies on demand and cached for the
/// whole compilation: whether a call may grow guest memory (it calls into the guest, directly or through other
/// methods, local functions, lambdas and delegates the analyzer can see) and whether the method returns a view of
/// guest memory. Annotations ([MayGrowMemory], [GuestView]) are answered by <see cref="WasmSymbols"/> first and win.
/// Recursion terminates: a method already being summarized on the current thread counts as not growing, and a
/// negative answer that relied on such an assumption is cached only until the outermost summary is done, so each
/// method is read at most once per query and dense call cycles stay linear.
/// </summary>
internal sealed class MethodSummaries
{
    /// <summary>Deeper call chains are cut (answered "no"): the summaries stay cheap on any code.</summary>
    private const int MaxDepth = 24;

    [ThreadStatic]
    private static Frames? t_frames;

    private readonly Compilation _compilation;
    private readonly WasmSymbols _symbols;
    private readonly CancellationToken _cancellationToken;
    private readonly ConcurrentDictionary<IMethodSymbol, GrowSummary> _grows = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _returnsView = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, TypeDelegateFacts> _typeFacts = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    public MethodSummaries(Compilation compilation, WasmSymbols symbols, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _symbols = symbols;
        _cancellationToken = cancellationToken;
    }

    public WasmSymbols Symbols => _symbols;

    /// <summary>What calling <paramref name="method"/> may do; <see cref="GrowSummary.None"/> for methods without source.</summary>
    public GrowSummary GrowSummaryOf(IMethodSymbol method)
    {
        method = Normalize(method);
        if (method.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction or MethodKind.DelegateInvoke
            || !HasBodyInSource(method))
        {
            return GrowSummary.None;
        }

        if (_grows.TryGetValue(method, out GrowSummary? cached))
        {
            return cached;
        }

        GrowSummary result = Summarize(method, isGrow: true, ComputeGrow, GrowSummary.None, out bool complete);
        if (complete || result.MayGrow)
        {
            _grows.TryAdd(method, result);
        }

        return result;
    }

    /// <summary>True when the method returns a view of guest memory (a span or pointer derived from a view source).</summary>
    public bool ReturnsView(IMethodSymbol method)
    {
        method = Normalize(method);
        if (!CanReturnView(method) || !HasBodyInSource(method))
        {
            return false;
        }

        if (_returnsView.TryGetValue(method, out bool cached))
        {
            return cached;
        }

        bool result = Summarize(method, isGrow: false, ComputeReturnsView, false, out bool complete);
        if (complete || result)
        {
            _returnsView.TryAdd(method, result);
        }

        return result;
    }

    /// <summary>The delegates stored in the type's fields and properties, collected from its declarations once.</summary>
    public TypeDelegateFacts FactsFor(INamedTypeSymbol? type)
    {
        if (type is null)
        {
            return new TypeDelegateFacts();
        }

        return _typeFacts.GetOrAdd(type.OriginalDefinition, CollectFacts);
    }

    private T Summarize<T>(IMethodSymbol method, bool isGrow, Func<IMethodSymbol, T> compute, T assumption, out bool complete)
    {
        Frames frames = t_frames ??= new Frames();
        Dictionary<IMethodSymbol, int> inProgress = isGrow ? frames.Grow : frames.View;
        if (inProgress.TryGetValue(method, out int depth))
        {
            // A cycle: assume the optimistic answer for now; the frame at `depth` completes the cycle.
            frames.LowestDependency = Math.Min(frames.LowestDependency, depth);
            complete = false;
            return assumption;
        }

        Dictionary<IMethodSymbol, (object? Result, int Dependency)> tentative = isGrow ? frames.TentativeGrow : frames.TentativeView;
        if (tentative.TryGetValue(method, out (object? Result, int Dependency) memo))
        {
            // Already answered in this query, relying on frames still in progress: answering again could not
            // differ, and recomputing it would make dense call cycles exponential.
            frames.LowestDependency = Math.Min(frames.LowestDependency, memo.Dependency);
            complete = false;
            return (T)memo.Result!;
        }

        if (frames.Depth >= MaxDepth)
        {
            frames.LowestDependency = -1;
            complete = false;
            return assumption;
        }

        int myDepth = frames.Depth++;
        int outerDependency = frames.LowestDependency;
        frames.LowestDependency = int.MaxValue;
        inProgress.Add(method, myDepth);
        T result;
        try
        {
            result = compute(method);
        }
        catch (Exception e) when (e is not OperationCanceledException && !GuestViewAnalyzer.ThrowUnexpected)
        {
            // Code the summary cannot read (incomplete code, operation shapes a later compiler introduces).
            result = assumption;
        }
        finally
        {
            inProgress.Remove(method);
            if (--frames.Depth == 0)
            {
                frames.TentativeGrow.Clear();
                frames.TentativeView.Clear();
            }
        }

        // Complete unless it relied on a method further up the stack still being summarized.
        complete = frames.LowestDependency >= myDepth;
        if (!complete && frames.Depth > 0)
        {
            tentative[method] = (result, frames.LowestDependency);
        }

        frames.LowestDependency = Math.Min(outerDependency, complete ? int.MaxValue : frames.LowestDependency);
        return result;
    }

    private GrowSummary ComputeGrow(IMethodSymbol method)
    {
        IOperation? body = BodyOf(method);
        if (body is null)
        {
            return GrowSummary.None;
        }

        var context = new BodyContext(this, body, report: null, summaryOwner: method);
        bool mayGrow = context.MayGrow(body);
        return new GrowSummary(mayGrow, mayGrow ? ImmutableArray<int>.Empty : context.InvokedOwnerDelegates());
    }

    private bool ComputeReturnsView(IMethodSymbol method)
    {
        IOperation? body = BodyOf(method);
        if (body is null || !ContainsViewSource(body))
        {
            return false;
        }

        ControlFlowGraph? graph = body switch
        {
            IMethodBodyOperation methodBody => ControlFlowGraph.Create(methodBody, _cancellationToken),
            IConstructorBodyOperation constructorBody => ControlFlowGraph.Create(constructorBody, _cancellationToken),
            IBlockOperation block => ControlFlowGraph.Create(block, _cancellationToken),
            _ => null,
        };
        if (graph is null)
        {
            return false;
        }

        var context = new BodyContext(this, body, report: null, summaryOwner: method);
        return ViewFlowAnalysis.ReturnsView(context, graph, method, _cancellationToken);
    }

    /// <summary>Cheap pre-check: does the body take a view at all?</summary>
    public bool ContainsViewSource(IOperation body)
    {
        foreach (IOperation operation in body.Descendants())
        {
            if (_symbols.IsViewSource(operation))
            {
                return true;
            }

            if (operation is IInvocationOperation invocation
                && (_symbols.ProducesViewsThroughArguments(invocation.TargetMethod) || ReturnsView(invocation.TargetMethod)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool CanReturnView(IMethodSymbol method) =>
        method.MethodKind is MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.ExplicitInterfaceImplementation
        && !method.ReturnsVoid
        && (method.ReturnsByRef
            || method.ReturnsByRefReadonly
            || method.ReturnType.IsRefLikeType
            || method.ReturnType.TypeKind == TypeKind.Pointer
            || method.ReturnType.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr);

    /// <summary>Cheap symbol checks first: interop declarations (extern) and abstract members have nothing to read.</summary>
    private static bool HasBodyInSource(IMethodSymbol method) =>
        !method.IsExtern && !method.IsAbstract && !method.DeclaringSyntaxReferences.IsEmpty;

    private static IMethodSymbol Normalize(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        return method.PartialImplementationPart ?? method;
    }

    /// <summary>The body of a method declared in this compilation, as an operation the control-flow graph accepts.</summary>
    private IOperation? BodyOf(IMethodSymbol method)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            SyntaxNode node = reference.GetSyntax(_cancellationToken);
            if (node is not (BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax))
            {
                continue;
            }

            IOperation? body = ModelFor(node.SyntaxTree)?.GetOperation(node, _cancellationToken);
            if (body is IMethodBodyBaseOperation or IBlockOperation { Parent: null })
            {
                return body;
            }
        }

        return null;
    }

    private TypeDelegateFacts CollectFacts(INamedTypeSymbol type)
    {
        var facts = new TypeDelegateFacts();
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            SyntaxNode declaration = reference.GetSyntax(_cancellationToken);
            SemanticModel? model = ModelFor(declaration.SyntaxTree);
            if (model is null)
            {
                continue;
            }

            // Nested types collect their own members.
            foreach (SyntaxNode node in declaration.DescendantNodes(n => n == declaration || n is not BaseTypeDeclarationSyntax))
            {
                SyntaxNode? operationSyntax = node switch
                {
                    AssignmentExpressionSyntax assignment => assignment,
                    VariableDeclaratorSyntax { Initializer: { } initializer, Parent.Parent: FieldDeclarationSyntax } => initializer,
                    PropertyDeclarationSyntax { Initializer: { } initializer } => initializer,
                    _ => null,
                };
                if (operationSyntax is not null && model.GetOperation(operationSyntax, _cancellationToken) is { } operation)
                {
                    facts.Collect(operation);
                }
            }
        }

        return facts;
    }

    private SemanticModel? ModelFor(SyntaxTree tree)
    {
        if (!_compilation.ContainsSyntaxTree(tree))
        {
            return null;
        }

        // The summaries read the bodies of the methods a body calls, which live in other trees. Inside the analyzer
        // driver the compilation hands out the driver's own cached semantic models, so this does not rebind the
        // file; each tree's model is asked for once per compilation here.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
        return _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));
#pragma warning restore RS1030
    }

    /// <summary>The methods being summarized on this thread (one stack per question) and how deep the stack is.</summary>
    private sealed class Frames
    {
        public Dictionary<IMethodSymbol, int> Grow { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<IMethodSymbol, int> View { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>Answers that relied on in-progress frames, kept for the rest of the outermost query only.</summary>
        public Dictionary<IMethodSymbol, (object? Result, int Dependency)> TentativeGrow { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<IMethodSymbol, (object? Result, int Dependency)> TentativeView { get; } = new(SymbolEqualityComparer.Default);

        public int Depth { get; set; }

        /// <summary>The shallowest in-progress frame the current computation relied on (int.MaxValue: none).</summary>
        public int LowestDependency { get; set; } = int.MaxValue;
    }
}
