using System.Diagnostics.Metrics;
using ResilienceLab.Stack.Telemetry;

namespace ResilienceLab.Stack.Tests.Fakes;

/// <summary>Collects the long measurements of one <see cref="StackTelemetry"/> instance.</summary>
internal sealed class RecordedMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly List<(string Instrument, long Value, Dictionary<string, string?> Tags)> _items = [];

    public RecordedMeasurements(StackTelemetry telemetry)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, telemetry.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var map = new Dictionary<string, string?>();
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value?.ToString();
            }

            lock (_lock)
            {
                _items.Add((instrument.Name, value, map));
            }
        });
        _listener.Start();
    }

    public void Collect() => _listener.RecordObservableInstruments();

    /// <summary>The value of tag <paramref name="key"/> on each of <paramref name="instrument"/>'s measurements, in order.</summary>
    public IReadOnlyList<string?> Tags(string instrument, string key)
    {
        lock (_lock)
        {
            return [.. _items.Where(i => i.Instrument == instrument).Select(i => i.Tags.GetValueOrDefault(key))];
        }
    }

    /// <summary>The sum of <paramref name="instrument"/>'s measurements whose tags include every pair in <paramref name="tags"/>.</summary>
    public long Sum(string instrument, params (string Key, string Value)[] tags)
    {
        lock (_lock)
        {
            return _items
                .Where(i => i.Instrument == instrument && tags.All(t => i.Tags.TryGetValue(t.Key, out var v) && v == t.Value))
                .Sum(i => i.Value);
        }
    }

    public void Dispose() => _listener.Dispose();
}
