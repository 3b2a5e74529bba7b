namespace GameCluster.Tests.Storage;

/// <summary>Version 2 of <see cref="ProfileStateV1"/>: one more property, with a non-trivial default.</summary>
public sealed class ProfileStateV2
{
    public const string DefaultTitle = "Rookie";

    public string Name { get; set; } = string.Empty;

    public int Level { get; set; }

    public List<string> Inventory { get; set; } = [];

    public Dictionary<string, long> Wallet { get; set; } = [];

    public string Title { get; set; } = DefaultTitle;
}
