using GameCluster.Invocation;
using GameCluster.Membership;

namespace GameCluster.Messaging;

/// <summary>A frame waiting in a connection's outbound queue; serialized by the connection's writer loop.</summary>
internal readonly record struct OutboundMessage(MessageKind Kind, RequestBase? Request = null, Exception? Error = null, long CorrelationId = 0, SiloAddress? Silo = null, string? ClientId = null, SiloAddress? TargetSilo = null, int ActivationCount = 0);
