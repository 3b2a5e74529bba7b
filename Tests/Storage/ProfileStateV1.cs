namespace GameCluster.Tests.Storage;

/// <summary>A grain state as version 1 of a game wrote it.</summary>
public sealed class ProfileStateV1
{
    public string Name { get; set; } = string.Empty;

    public int Level { get; set; }

    public List<string> Inventory { get; set; } = [];

    public Dictionary<string, long> Wallet { get; set; } = [];
}
