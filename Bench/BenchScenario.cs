namespace GameCluster.Bench;

/// <summary>Which scenarios a run measures.</summary>
[Flags]
public enum BenchScenario
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Local grain call throughput against a raw channel request/response hop.</summary>
    Calls = 1,

    /// <summary>Memory held by many idle activations.</summary>
    Memory = 2,

    /// <summary>Cross-silo grain calls between two silo processes against raw TCP between two processes.</summary>
    CrossSilo = 4,

    /// <summary>Socket RPCs through the gateway against a plain Kestrel endpoint (not part of <see cref="All"/>).</summary>
    Gateway = 8,

    /// <summary>100,000 idle authenticated sockets on one gateway process (not part of <see cref="All"/>).</summary>
    Sockets = 16,

    /// <summary>Every scenario.</summary>
    All = Calls | Memory | CrossSilo,
}
