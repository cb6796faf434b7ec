using System;
using System.Diagnostics;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>An observed guest call: its span, start time and starting fuel. Made only while someone listens.</summary>
internal sealed class CallObservation
{
    private readonly StoreGate _gate;
    private readonly string _binding;
    private readonly string _export;
    private readonly Activity? _activity;
    private readonly long _started;
    private readonly ulong? _fuelAtStart;

    private CallObservation(StoreGate gate, StoreGate.Holder holder, string binding, string function, string export)
    {
        _gate = gate;
        Holder = holder;
        _binding = binding;
        _export = export;
        _fuelAtStart = gate.Fuel();
        _activity = BindgenTelemetry.Source.StartActivity(binding + "." + function, ActivityKind.Internal);
        if (_activity is not null)
        {
            _activity.SetTag(BindgenTelemetry.ModuleTag, binding);
            _activity.SetTag(BindgenTelemetry.FunctionTag, function);
            _activity.SetTag(BindgenTelemetry.ExportTag, export);
        }

        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>The gate's holder the call entered with.</summary>
    public StoreGate.Holder Holder { get; }

    /// <summary>The exception the call ended with, noted by the method's exception filter.</summary>
    public Exception? Exception { get; set; }

    /// <summary>Starts observing a call (the caller checked that someone listens).</summary>
    public static CallObservation Start(StoreGate gate, StoreGate.Holder holder, string binding, string function, string export) =>
        new(gate, holder, binding, function, export);

    /// <summary>Ends the span and records the call's metrics.</summary>
    public void End()
    {
        double seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        string? errorType = Exception?.GetType().FullName;
        ulong? fuelUsed = _fuelAtStart is ulong before && _gate.Fuel() is ulong after && after <= before ? before - after : null;
        var tags = new TagList
        {
            { BindgenTelemetry.ModuleTag, _binding },
            { BindgenTelemetry.ExportTag, _export },
        };
        if (errorType is not null)
        {
            tags.Add(BindgenTelemetry.ErrorTypeTag, errorType);
        }

        BindgenTelemetry.Calls.Add(1, tags);
        BindgenTelemetry.Duration.Record(seconds, tags);
        if (Exception is OperationCanceledException)
        {
            BindgenTelemetry.Cancellations.Add(1, tags);
        }
        else if (Exception is GuestTrapException or GuestOutOfFuelException or GuestAbortException or GuestExitException or TrapException)
        {
            BindgenTelemetry.Traps.Add(1, tags);
        }

        if (BindgenTelemetry.MemorySize.Enabled && _gate.MemorySize() is long memory)
        {
            BindgenTelemetry.MemorySize.Record(memory, tags);
        }

        if (_activity is not null)
        {
            if (fuelUsed is ulong fuel)
            {
                _activity.SetTag(BindgenTelemetry.FuelConsumedTag, (long)fuel);
            }

            if (Exception is not null)
            {
                // OpenTelemetry's conventions for a failed span: error.type, an Error status and an "exception" event.
                _activity.SetTag(BindgenTelemetry.ErrorTypeTag, errorType);
                _activity.SetStatus(ActivityStatusCode.Error, Exception.Message);
                _activity.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
                {
                    { "exception.type", errorType },
                    { "exception.message", Exception.Message },
                }));
            }
            else
            {
                _activity.SetStatus(ActivityStatusCode.Ok);
            }

            _activity.Dispose();
        }
    }
}
