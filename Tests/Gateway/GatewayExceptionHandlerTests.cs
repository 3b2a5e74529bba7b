using GameCluster.Gateway.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GameCluster.Tests.Gateway;

public sealed class GatewayExceptionHandlerTests
{
    public static TheoryData<Exception> BusyClusterErrors =>
    [
        new SiloUnavailableException("gone"),
        new GrainCallTimeoutException("slow"),
        new GrainOverloadedException("busy"),
    ];

    [Theory]
    [MemberData(nameof(BusyClusterErrors))]
    public async Task BusyOrRestartingCluster_Answers503Unavailable_WithRetryAfter(Exception exception)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        var handler = new GatewayExceptionHandler(NullLogger<GatewayExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(context, exception, TestContext.Current.CancellationToken));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"code\":\"unavailable\"", body, StringComparison.Ordinal);
    }
}
