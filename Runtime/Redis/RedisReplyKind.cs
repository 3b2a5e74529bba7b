namespace GameCluster.Redis;

/// <summary>The shape of a <see cref="RedisReply"/>.</summary>
public enum RedisReplyKind
{
    /// <summary>No value (a Lua <c>nil</c> or <c>false</c>, a missing key).</summary>
    Nil,

    /// <summary>An integer.</summary>
    Integer,

    /// <summary>A string (bulk or status reply).</summary>
    Text,

    /// <summary>An array of replies.</summary>
    Array,
}
