using System.Collections.Concurrent;

namespace GameCluster.Tests.ClientSdk;

/// <summary>Counts HTTP requests by path on their way to the gateway.</summary>
public sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int this[string path] => _counts.TryGetValue(path, out var count) ? count : 0;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _counts.AddOrUpdate(request.RequestUri!.AbsolutePath, 1, static (_, count) => count + 1);
        return base.SendAsync(request, cancellationToken);
    }
}
