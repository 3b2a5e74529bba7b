namespace GameCluster.Client;

/// <summary>The gateways a client may use, and the one it currently uses (shared by HTTP calls and the socket).</summary>
internal sealed class GatewayList
{
    private readonly Uri[] _gateways;
    private int _index;

    /// <summary>Creates the list; every URI is normalised to end with '/' so relative paths append to it.</summary>
    public GatewayList(IEnumerable<Uri> gateways)
    {
        _gateways = [.. gateways.Select(Normalize)];
    }

    /// <summary>How many gateways there are.</summary>
    public int Count => _gateways.Length;

    /// <summary>The gateway in use.</summary>
    public Uri Current => _gateways[Volatile.Read(ref _index)];

    /// <summary>Moves on from <paramref name="failed"/> to the next gateway (if it is still the current one); returns the current one.</summary>
    public Uri Advance(Uri failed)
    {
        var index = Array.IndexOf(_gateways, failed);
        if (index >= 0)
        {
            Interlocked.CompareExchange(ref _index, (index + 1) % _gateways.Length, index);
        }

        return Current;
    }

    private static Uri Normalize(Uri uri)
    {
        if (!uri.IsAbsoluteUri || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"'{uri}' is not an absolute http(s) URI.", nameof(uri));
        }

        return uri.AbsolutePath.EndsWith('/') ? uri : new UriBuilder(uri) { Path = uri.AbsolutePath + "/" }.Uri;
    }
}
