using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace Bindgen.Analyzers;

/// <summary>What a view is: a span-like value (spans, enumerators, refs) or an address (pointer, nint, long).</summary>
internal enum ViewKind
{
    Span = 0,
    Address = 1,
}

/// <summary>A call that may grow guest memory, as seen at one place in the code.</summary>
internal sealed class GrowEvent : IEquatable<GrowEvent>
{
    public GrowEvent(string name, SyntaxNode syntax)
    {
        Name = name;
        Syntax = syntax;
    }

    /// <summary>The name of the member or delegate called, for the message.</summary>
    public string Name { get; }

    public SyntaxNode Syntax { get; }

    public int Position => Syntax.SpanStart;

    public bool Equals(GrowEvent? other) => other is not null && other.Syntax == Syntax && other.Name == Name;

    public override bool Equals(object? obj) => Equals(obj as GrowEvent);

    public override int GetHashCode() => Syntax.GetHashCode();
}

/// <summary>The fact tracked for a variable (or flow capture) that holds a view of guest memory.</summary>
internal sealed class ViewFact : IEquatable<ViewFact>
{
    public ViewFact(ViewKind kind, GrowEvent? staleAfter, string? name)
    {
        Kind = kind;
        StaleAfter = staleAfter;
        Name = name;
    }

    public ViewKind Kind { get; }

    /// <summary>The call after which the view is stale on some path, or null while it is fresh on every path.</summary>
    public GrowEvent? StaleAfter { get; }

    /// <summary>A display name for views held in compiler temporaries (the source text they were captured from).</summary>
    public string? Name { get; }

    public ViewFact WithStale(GrowEvent? grow) => Equals(StaleAfter, grow) ? this : new ViewFact(Kind, grow, Name);

    public ViewFact WithName(string? name) => name == Name ? this : new ViewFact(Kind, StaleAfter, name);

    public static ViewFact Join(ViewFact a, ViewFact b)
    {
        if (a.Equals(b))
        {
            return a;
        }

        ViewKind kind = a.Kind > b.Kind ? a.Kind : b.Kind;
        GrowEvent? stale = Later(a.StaleAfter, b.StaleAfter);
        return new ViewFact(kind, stale, a.Name ?? b.Name);
    }

    /// <summary>Picks one grow deterministically: the later one in source order.</summary>
    public static GrowEvent? Later(GrowEvent? a, GrowEvent? b)
    {
        if (a is null)
        {
            return b;
        }

        if (b is null)
        {
            return a;
        }

        return b.Position > a.Position ? b : a;
    }

    public bool Equals(ViewFact? other) =>
        other is not null && other.Kind == Kind && Equals(other.StaleAfter, StaleAfter) && other.Name == Name;

    public override bool Equals(object? obj) => Equals(obj as ViewFact);

    public override int GetHashCode() => ((int)Kind * 397) ^ (StaleAfter?.GetHashCode() ?? 0);
}

/// <summary>A variable, parameter or compiler flow capture that may hold a view.</summary>
internal readonly struct Slot : IEquatable<Slot>
{
    private readonly ISymbol? _symbol;
    private readonly CaptureId _capture;
    private readonly bool _isCapture;

    public Slot(ISymbol symbol)
    {
        _symbol = symbol;
        _capture = default;
        _isCapture = false;
    }

    public Slot(CaptureId capture)
    {
        _symbol = null;
        _capture = capture;
        _isCapture = true;
    }

    public ISymbol? Symbol => _symbol;

    public bool Equals(Slot other) =>
        _isCapture ? other._isCapture && _capture.Equals(other._capture) : !other._isCapture && SymbolEqualityComparer.Default.Equals(_symbol, other._symbol);

    public override bool Equals(object? obj) => obj is Slot other && Equals(other);

    public override int GetHashCode() => _isCapture ? _capture.GetHashCode() : SymbolEqualityComparer.Default.GetHashCode(_symbol);
}

/// <summary>The dataflow state at one program point: which slots hold views, and which of those are stale.</summary>
internal sealed class FlowState
{
    private readonly Dictionary<Slot, ViewFact> _facts;

    public FlowState()
    {
        _facts = new Dictionary<Slot, ViewFact>();
    }

    private FlowState(Dictionary<Slot, ViewFact> facts)
    {
        _facts = new Dictionary<Slot, ViewFact>(facts);
    }

    public FlowState Clone() => new(_facts);

    public bool TryGet(Slot slot, out ViewFact fact) => _facts.TryGetValue(slot, out fact!);

    public void Set(Slot slot, ViewFact? fact)
    {
        if (fact is null)
        {
            _facts.Remove(slot);
        }
        else
        {
            _facts[slot] = fact;
        }
    }

    /// <summary>Marks every view as stale after <paramref name="grow"/>.</summary>
    public void Grow(GrowEvent grow)
    {
        if (_facts.Count == 0)
        {
            return;
        }

        var slots = new List<Slot>(_facts.Keys);
        foreach (Slot slot in slots)
        {
            _facts[slot] = _facts[slot].WithStale(grow);
        }
    }

    /// <summary>Joins <paramref name="other"/> into this state (may-analysis: a view on any path is a view). Returns true if this changed.</summary>
    public bool JoinWith(FlowState other)
    {
        bool changed = false;
        foreach (KeyValuePair<Slot, ViewFact> pair in other._facts)
        {
            if (_facts.TryGetValue(pair.Key, out ViewFact? mine))
            {
                ViewFact joined = ViewFact.Join(mine, pair.Value);
                if (!joined.Equals(mine))
                {
                    _facts[pair.Key] = joined;
                    changed = true;
                }
            }
            else
            {
                _facts[pair.Key] = pair.Value;
                changed = true;
            }
        }

        return changed;
    }
}
