namespace GameCluster.Invocation;

/// <summary>The grains waiting, one behind the other, on a call: used to detect call cycles.</summary>
internal sealed class CallChainLink(GrainId grainId, CallChainLink? next)
{
    public GrainId GrainId { get; } = grainId;

    public CallChainLink? Next { get; } = next;

    public bool Contains(GrainId grainId)
    {
        for (var link = this; link is not null; link = link.Next)
        {
            if (link.GrainId == grainId)
            {
                return true;
            }
        }

        return false;
    }

    public string Describe(GrainId target)
    {
        var ids = new List<string>();
        for (var link = this; link is not null; link = link.Next)
        {
            ids.Add(link.GrainId.ToString());
        }

        ids.Reverse();
        ids.Add(target.ToString());
        return string.Join(" -> ", ids);
    }
}
