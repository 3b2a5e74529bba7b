namespace GameCluster.Runtime;

/// <summary>Grain call settings (configuration section <c>Messaging</c>).</summary>
public sealed class GrainCallOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messaging";

    /// <summary>A call without a response after this long fails with <see cref="GrainCallTimeoutException"/>. Default 30 seconds.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
