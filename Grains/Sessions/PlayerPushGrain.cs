using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GameCluster.Grains.Sessions;

/// <summary>
/// A player's push channel. Pushes get consecutive sequence numbers and become visible to polls only once they are
/// durable, so a sequence number a client has seen is never reused, even after a silo crash. The class is reentrant
/// so that waiting polls never hold up pushes; state writes are chained so that two never overlap.
/// </summary>
[Reentrant]
public sealed class PlayerPushGrain(
    [PersistentState("push")] IPersistentState<PlayerPushState> push,
    IOptions<PlayerPushOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider) : Grain, IPlayerPushGrain
{
    /// <summary>The longest session id.</summary>
    public const int MaxSessionIdLength = 64;

    /// <summary>The longest event name.</summary>
    public const int MaxEventLength = 64;

    private readonly PlayerPushOptions _options = options.Value;
    private Task _writes = Task.CompletedTask;
    private long _published;
    private Waiter? _waiter;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _published = push.State.LastSeq;
        Trim();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<long> PushAsync(PushEvent pushEvent)
    {
        ArgumentNullException.ThrowIfNull(pushEvent);
        Validate(pushEvent);
        var seq = push.State.LastSeq + 1;
        push.State.LastSeq = seq;
        push.State.Buffer.Add(new PushMessage(seq, pushEvent.Event, pushEvent.DataJson, timeProvider.GetUtcNow()));
        Trim();
        await PersistAsync();
        return seq;
    }

    /// <inheritdoc />
    public async Task<PushSessionInfo> AttachAsync(string sessionId)
    {
        ValidateSessionId(sessionId);
        if (_waiter is { } waiter && waiter.SessionId != sessionId)
        {
            waiter.Signal.TrySetResult(PushPollStatus.Superseded);
        }

        push.State.SessionId = sessionId;
        await PersistAsync();
        return Info();
    }

    /// <inheritdoc />
    public async Task DetachAsync(string sessionId)
    {
        ValidateSessionId(sessionId);
        if (push.State.SessionId != sessionId)
        {
            return;
        }

        if (_waiter is { } waiter && waiter.SessionId == sessionId)
        {
            waiter.Signal.TrySetResult(PushPollStatus.Superseded);
        }

        push.State.SessionId = null;
        await PersistAsync();
    }

    /// <inheritdoc />
    public async Task<PushPoll> PollAsync(string sessionId, long afterSeq, TimeSpan maxWait)
    {
        ValidateSessionId(sessionId);
        var answer = Collect(sessionId, afterSeq);
        if (answer.Status != PushPollStatus.Ok || answer.Messages.Count > 0 || maxWait <= TimeSpan.Zero)
        {
            return answer;
        }

        // Nothing yet: wait for a push, a newer poll of the same session, a replacing session or the silo stopping.
        _waiter?.Signal.TrySetResult(PushPollStatus.Ok);
        var waiter = new Waiter(sessionId, new TaskCompletionSource<PushPollStatus>(TaskCreationOptions.RunContinuationsAsynchronously));
        _waiter = waiter;
        PushPollStatus status;
        try
        {
            status = await waiter.Signal.Task.WaitAsync(maxWait < _options.MaxPollWait ? maxWait : _options.MaxPollWait, timeProvider, lifetime.ApplicationStopping);
        }
        catch (TimeoutException)
        {
            status = PushPollStatus.Ok;
        }
        catch (OperationCanceledException)
        {
            status = PushPollStatus.Retry;
        }
        finally
        {
            if (_waiter == waiter)
            {
                _waiter = null;
            }
        }

        return status == PushPollStatus.Ok ? Collect(sessionId, afterSeq) : new PushPoll(status, _published, []);
    }

    /// <inheritdoc />
    public Task<PushSessionInfo> GetSessionAsync() => Task.FromResult(Info());

    private PushPoll Collect(string sessionId, long afterSeq)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return new PushPoll(PushPollStatus.Retry, _published, []);
        }

        if (push.State.SessionId != sessionId)
        {
            return new PushPoll(PushPollStatus.Superseded, _published, []);
        }

        if (afterSeq > _published || afterSeq < OldestSeq() - 1)
        {
            return new PushPoll(PushPollStatus.ResyncRequired, _published, []);
        }

        List<PushMessage> messages = [];
        foreach (var message in push.State.Buffer)
        {
            if (message.Seq > afterSeq && message.Seq <= _published)
            {
                messages.Add(message);
            }
        }

        return new PushPoll(PushPollStatus.Ok, _published, messages);
    }

    private long OldestSeq()
    {
        foreach (var message in push.State.Buffer)
        {
            if (message.Seq <= _published)
            {
                return message.Seq;
            }
        }

        return _published + 1;
    }

    private PushSessionInfo Info() => new(push.State.SessionId, _published, OldestSeq());

    private void Trim()
    {
        var excess = push.State.Buffer.Count - _options.ReplayBufferSize;
        if (excess > 0)
        {
            push.State.Buffer.RemoveRange(0, excess);
        }
    }

    private Task PersistAsync()
    {
        _writes = WriteAfterAsync(_writes);
        return _writes;
    }

    private async Task WriteAfterAsync(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception) when (previous.IsFaulted)
        {
            // The caller of the earlier write saw its failure; this write carries its changes too.
        }

        var upTo = push.State.LastSeq;
        await push.WriteStateAsync();
        if (upTo > _published)
        {
            _published = upTo;
            _waiter?.Signal.TrySetResult(PushPollStatus.Ok);
        }
    }

    private void Validate(PushEvent pushEvent)
    {
        if (string.IsNullOrEmpty(pushEvent.Event) || pushEvent.Event.Length > MaxEventLength
            || !pushEvent.Event.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.'))
        {
            throw new ArgumentException($"An event name has 1 to {MaxEventLength} of a-z, 0-9, '_' and '.'.", nameof(pushEvent));
        }

        if (pushEvent.DataJson is null || pushEvent.DataJson.Length > _options.MaxDataLength)
        {
            throw new ArgumentException($"Event data is JSON of at most {_options.MaxDataLength} characters.", nameof(pushEvent));
        }

        try
        {
            using var document = JsonDocument.Parse(pushEvent.DataJson);
        }
        catch (JsonException exception)
        {
            throw new ArgumentException("Event data is not valid JSON: " + exception.Message, nameof(pushEvent));
        }
    }

    private static void ValidateSessionId(string sessionId)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > MaxSessionIdLength)
        {
            throw new ArgumentException($"A session id has 1 to {MaxSessionIdLength} characters.", nameof(sessionId));
        }
    }

    private readonly record struct Waiter(string SessionId, TaskCompletionSource<PushPollStatus> Signal);
}
