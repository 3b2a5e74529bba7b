namespace GameCluster.Messaging;

/// <summary>Field ids of a frame. A frame is one object: unknown fields are skipped, so fields can be added.</summary>
internal static class MessageField
{
    public const uint Kind = 0;
    public const uint CorrelationId = 1;
    public const uint Target = 2;
    public const uint Source = 3;
    public const uint MethodKey = 4;
    public const uint TimeoutMilliseconds = 5;
    public const uint CallChain = 6;
    public const uint Context = 7;
    public const uint TraceParent = 8;
    public const uint Body = 9;
    public const uint ExceptionType = 10;
    public const uint ExceptionMessage = 11;
    public const uint ExceptionDetail = 12;
    public const uint Silo = 13;
    public const uint ClientId = 14;
    public const uint TargetSilo = 15;
    public const uint ActivationCount = 16;

    /// <summary>The method id (<see cref="Invocation.MethodIds"/>); <see cref="MethodKey"/> is read when it is absent.</summary>
    public const uint MethodId = 17;

    /// <summary>Set when the call chain starts with the source grain, which is then not repeated in <see cref="CallChain"/>.</summary>
    public const uint CallChainStartsWithSource = 18;
}
