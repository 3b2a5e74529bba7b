using System.Globalization;

namespace GameCluster.Redis;

/// <summary>A Redis reply in our own terms: nil, an integer, a string, or an array of replies.</summary>
public sealed class RedisReply
{
    private readonly long _integer;
    private readonly string? _text;
    private readonly IReadOnlyList<RedisReply>? _items;

    private RedisReply(RedisReplyKind kind, long integer, string? text, IReadOnlyList<RedisReply>? items)
    {
        Kind = kind;
        _integer = integer;
        _text = text;
        _items = items;
    }

    /// <summary>The nil reply.</summary>
    public static RedisReply Nil { get; } = new(RedisReplyKind.Nil, 0, null, null);

    /// <summary>The reply's shape.</summary>
    public RedisReplyKind Kind { get; }

    /// <summary>Whether this is the nil reply.</summary>
    public bool IsNil => Kind == RedisReplyKind.Nil;

    /// <summary>The elements of an array reply.</summary>
    /// <exception cref="InvalidOperationException">The reply is not an array.</exception>
    public IReadOnlyList<RedisReply> Items =>
        _items ?? throw new InvalidOperationException($"The Redis reply is {Kind}, not an array.");

    /// <summary>An integer reply.</summary>
    public static RedisReply FromInteger(long value) => new(RedisReplyKind.Integer, value, null, null);

    /// <summary>A string reply.</summary>
    public static RedisReply FromText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(RedisReplyKind.Text, 0, value, null);
    }

    /// <summary>An array reply.</summary>
    public static RedisReply FromItems(IReadOnlyList<RedisReply> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(RedisReplyKind.Array, 0, null, items);
    }

    /// <summary>The value of an integer reply, or of a string reply that holds an integer.</summary>
    /// <exception cref="InvalidOperationException">The reply is not an integer.</exception>
    public long ToInt64() => Kind switch
    {
        RedisReplyKind.Integer => _integer,
        RedisReplyKind.Text when long.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new InvalidOperationException($"The Redis reply {this} is not an integer."),
    };

    /// <summary>The value of a string or integer reply, or <see langword="null"/> for nil.</summary>
    /// <exception cref="InvalidOperationException">The reply is an array.</exception>
    public string? ToText() => Kind switch
    {
        RedisReplyKind.Nil => null,
        RedisReplyKind.Text => _text,
        RedisReplyKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException("The Redis reply is an array, not a single value."),
    };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        RedisReplyKind.Nil => "(nil)",
        RedisReplyKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        RedisReplyKind.Text => $"\"{_text}\"",
        _ => $"[{string.Join(", ", Items)}]",
    };
}
