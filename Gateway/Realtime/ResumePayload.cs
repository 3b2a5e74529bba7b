namespace GameCluster.Gateway.Realtime;

/// <summary>Payload of <c>resume</c>, and its result.</summary>
/// <param name="LastSeq">The last push sequence the client has seen.</param>
public sealed record ResumePayload(long? LastSeq);
