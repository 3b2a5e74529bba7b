using System.Threading.Channels;

namespace GameCluster.Bench.Calls;

/// <summary>The consumer side of the raw channel hop: reads requests and completes each caller's task.</summary>
public static class ChannelConsumer
{
    /// <summary>Options shared by every channel of the reference: unbounded (like a grain mailbox), any writer, async continuations.</summary>
    public static UnboundedChannelOptions Options(bool singleReader) => new()
    {
        SingleReader = singleReader,
        SingleWriter = false,
        AllowSynchronousContinuations = false,
    };

    /// <summary>Answers requests until the channel is completed.</summary>
    public static async Task ConsumeAsync(ChannelReader<ChannelRequest> reader)
    {
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var request))
            {
                request.Completion.TrySetResult(request.Value);
            }
        }
    }

    /// <summary>
    /// Sends one request; the task completes with the response. Like a generated grain proxy it returns the
    /// completion's task directly (no async state machine of its own).
    /// </summary>
    public static Task<int> CallAsync(ChannelWriter<ChannelRequest> writer, int value)
    {
        var completion = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        return writer.TryWrite(new ChannelRequest(value, completion))
            ? completion.Task
            : Task.FromException<int>(new InvalidOperationException("The channel refused a request."));
    }
}
