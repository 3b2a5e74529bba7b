using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GameCluster.Storage;

/// <summary>Grain storage latency and error metrics.</summary>
public sealed class StorageInstruments
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "GameCluster.Storage";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _failures;

    /// <summary>Creates the instruments.</summary>
    public StorageInstruments(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _duration = meter.CreateHistogram<double>("gamecluster.storage.duration", "ms", "Grain storage operation latency.");
        _failures = meter.CreateCounter<long>("gamecluster.storage.failures", "{operation}", "Grain storage operations that threw, ETag conflicts included.");
    }

    /// <summary>Times an operation until the returned scope is disposed.</summary>
    public Measurement Measure(string storageName, StorageOperation operation) => new(this, storageName, operation);

    /// <summary>Measures one storage operation; call <see cref="Complete"/> when it succeeded.</summary>
    public sealed class Measurement(StorageInstruments instruments, string storageName, StorageOperation operation) : IDisposable
    {
        private readonly long _start = Stopwatch.GetTimestamp();
        private bool _completed;

        /// <summary>Marks the operation successful.</summary>
        public void Complete() => _completed = true;

        /// <inheritdoc />
        public void Dispose()
        {
            var tags = new TagList { { "storage", storageName }, { "operation", operation.ToString() } };
            if (instruments._duration.Enabled)
            {
                instruments._duration.Record(Stopwatch.GetElapsedTime(_start).TotalMilliseconds, tags);
            }

            if (!_completed && instruments._failures.Enabled)
            {
                instruments._failures.Add(1, tags);
            }
        }
    }
}
