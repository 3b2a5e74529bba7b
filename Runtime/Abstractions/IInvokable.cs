namespace GameCluster;

/// <summary>The arguments of a grain call, as seen by call filters.</summary>
public interface IInvokable
{
    /// <summary>The number of arguments.</summary>
    int ArgumentCount { get; }

    /// <summary>Reads an argument.</summary>
    object? GetArgument(int index);

    /// <summary>Replaces an argument.</summary>
    void SetArgument(int index, object? value);
}
