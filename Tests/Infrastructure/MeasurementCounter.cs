using System.Diagnostics.Metrics;

namespace GameCluster.Tests.Infrastructure;

/// <summary>
/// Sums, from now until disposed, what one counter of one meter records with one tag value, in every meter of that
/// name in the process (the test's tag value should be one no other test produces).
/// </summary>
public sealed class MeasurementCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public MeasurementCounter(string meterName, string instrumentName, string tagKey, string tagValue)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == tagKey && Equals(tag.Value, tagValue))
                {
                    Interlocked.Add(ref _total, value);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>The sum recorded so far.</summary>
    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}
