namespace GameCluster;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>The grain asked for it with <c>DeactivateOnIdle</c>.</summary>
    ApplicationRequested,

    /// <summary>The activation was idle longer than its collection age.</summary>
    IdleCollection,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>The activation failed, for example with an inconsistent-state error on write.</summary>
    ApplicationError,

    /// <summary>
    /// Another activation of the grain holds its grain directory entry: the directory lost its entries (Redis
    /// restarted without its data) and a second activation was made before this one registered again.
    /// </summary>
    DuplicateActivation,
}
