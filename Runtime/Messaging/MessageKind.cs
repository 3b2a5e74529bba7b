namespace GameCluster.Messaging;

/// <summary>What a frame carries.</summary>
internal enum MessageKind
{
    /// <summary>A grain call that expects a response.</summary>
    Request = 1,

    /// <summary>A grain call without response.</summary>
    OneWayRequest = 2,

    /// <summary>The result of a request.</summary>
    Response = 3,

    /// <summary>The exception a request ended with.</summary>
    Error = 4,

    /// <summary>A liveness probe.</summary>
    Ping = 5,

    /// <summary>The answer to a probe.</summary>
    Pong = 6,

    /// <summary>The first frame on a connection: who is speaking.</summary>
    Handshake = 7,
}
