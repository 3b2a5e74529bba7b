using GameCluster.Invocation;
using GameCluster.Metadata;

namespace GameCluster.Runtime;

/// <summary>The local activations of one stateless worker grain id: an idle one takes the call, else a new one up to the limit.</summary>
internal sealed class StatelessWorkerPool(Catalog catalog, GrainId grainId, GrainClassInfo classInfo)
{
    private readonly Lock _lock = new();
    private readonly List<ActivationData> _activations = [];
    private readonly int _maxWorkers = classInfo.MaxLocalWorkers > 0 ? classInfo.MaxLocalWorkers : Environment.ProcessorCount;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _activations.Count;
            }
        }
    }

    public IReadOnlyList<ActivationData> Activations
    {
        get
        {
            lock (_lock)
            {
                return [.. _activations];
            }
        }
    }

    public void Dispatch(RequestBase request)
    {
        while (true)
        {
            ActivationData? target = null;
            var created = false;
            lock (_lock)
            {
                foreach (var activation in _activations)
                {
                    if (!activation.IsBusy && activation.Status == ActivationStatus.Valid)
                    {
                        target = activation;
                        break;
                    }
                }

                if (target is null && _activations.Count < _maxWorkers)
                {
                    target = catalog.CreateActivation(grainId, classInfo);
                    _activations.Add(target);
                    created = true;
                }

                target ??= _activations.MinBy(static a => a.PendingCount)!;
            }

            if (created)
            {
                target.Start();
            }

            if (target.TryEnqueue(request))
            {
                return;
            }

            Remove(target);
        }
    }

    public void Remove(ActivationData activation)
    {
        lock (_lock)
        {
            _activations.Remove(activation);
        }
    }
}
