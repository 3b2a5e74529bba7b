using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameCluster.Grains.Sessions;

/// <summary>
/// A player's push channel. Pushes get consecutive sequence numbers and become visible to polls only once they are
/// durable, so a sequence number a client has seen is never reused, even after a silo crash. The live session's gateway
/// (its <see cref="IPushMailboxGrain"/>) is stored with the session and gets a notice for every durable push and when the
/// session is replaced (retried a few times; the gateway's periodic sweep catches what is lost all the same); the session then fetches with a non-waiting <see cref="PollAsync"/>. The class is reentrant so
/// that waiting polls never hold up pushes; state writes are chained so that two never overlap.
/// </summary>
[Reentrant]
public sealed partial class PlayerPushGrain(
    [PersistentState("push")] IPersistentState<PlayerPushState> push,
    IOptions<PlayerPushOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<PlayerPushGrain> logger) : Grain, IPlayerPushGrain
{
    /// <summary>The longest session id.</summary>
    public const int MaxSessionIdLength = 64;

    /// <summary>The longest event name.</summary>
    public const int MaxEventLength = 64;

    /// <summary>How often a notice that failed to reach a gateway's mailbox is tried in all.</summary>
    public const int MaxNoticeAttempts = 4;

    /// <summary>The wait before the first retry of a notice; it doubles for every further one (0.2, 0.4, 0.8 s).</summary>
    public static readonly TimeSpan FirstNoticeRetryDelay = TimeSpan.FromMilliseconds(200);

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
    public async Task<PushSessionInfo> AttachAsync(string sessionId, string mailboxId)
    {
        ValidateId(sessionId, nameof(sessionId), "session id");
        ValidateId(mailboxId, nameof(mailboxId), "mailbox id");
        if (_waiter is { } waiter && waiter.SessionId != sessionId)
        {
            waiter.Signal.TrySetResult(PushPollStatus.Superseded);
        }

        var (previous, previousMailbox) = (push.State.SessionId, push.State.MailboxId);
        push.State.SessionId = sessionId;
        push.State.MailboxId = mailboxId;
        await PersistAsync();

        // Only now: the replaced session's fetch, prompted by this notice, finds itself replaced.
        if (previous is not null && previous != sessionId && previousMailbox is not null)
        {
            Notify(previousMailbox, previous, superseded: true);
        }

        return Info();
    }

    /// <inheritdoc />
    public async Task DetachAsync(string sessionId)
    {
        ValidateId(sessionId, nameof(sessionId), "session id");
        if (push.State.SessionId != sessionId)
        {
            return;
        }

        if (_waiter is { } waiter && waiter.SessionId == sessionId)
        {
            waiter.Signal.TrySetResult(PushPollStatus.Superseded);
        }

        push.State.SessionId = null;
        push.State.MailboxId = null;
        await PersistAsync();
    }

    /// <inheritdoc />
    public async Task<PushPoll> PollAsync(string sessionId, long afterSeq, TimeSpan maxWait)
    {
        ValidateId(sessionId, nameof(sessionId), "session id");
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

    private PushSessionInfo Info() => new(push.State.SessionId, _published, OldestSeq(), push.State.MailboxId);

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
            if (push.State is { SessionId: { } session, MailboxId: { } mailbox })
            {
                Notify(mailbox, session, superseded: false);
            }
        }
    }

    /// <summary>
    /// Drops a notice in a gateway's mailbox without holding up the caller, retrying a failed delivery a few times with
    /// backoff. A notice that is lost all the same only delays the session until its gateway's periodic sweep
    /// (<c>Gateway:Realtime:PushSweepInterval</c>), which fetches for every session and so also finds replaced ones.
    /// </summary>
    private void Notify(string mailboxId, string sessionId, bool superseded) =>
        _ = NotifyAsync(mailboxId, new PushNotice(this.GetPrimaryKeyString(), sessionId, superseded));

    private async Task NotifyAsync(string mailboxId, PushNotice notice)
    {
        var mailbox = GrainFactory.GetGrain<IPushMailboxGrain>(mailboxId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (!await mailbox.DeliverAsync(notice))
                {
                    await ForgetMailboxAsync(notice.SessionId, mailboxId);
                }

                return;
            }
            catch (Exception exception)
            {
                // A push notice for a session that is no longer the player's current one there is not worth retrying.
                if (attempt >= MaxNoticeAttempts || (!notice.Superseded && !IsCurrent(notice.SessionId, mailboxId)))
                {
                    LogNoticeFailed(logger, exception, notice.PlayerId, notice.SessionId, attempt);
                    return;
                }
            }

            await Task.Delay(FirstNoticeRetryDelay * (1 << (attempt - 1)), timeProvider);
        }
    }

    /// <summary>
    /// The mailbox's gateway is gone: stop sending notices there, unless the player attached again meanwhile
    /// (compare and clear). The session id stays, so a session that is still alive after all is not taken for replaced;
    /// its gateway's sweep still serves it, and the player's next connection replaces it as usual.
    /// </summary>
    private async Task ForgetMailboxAsync(string sessionId, string mailboxId)
    {
        if (!IsCurrent(sessionId, mailboxId))
        {
            return;
        }

        LogMailboxGone(logger, this.GetPrimaryKeyString(), sessionId, mailboxId);
        push.State.MailboxId = null;
        try
        {
            await PersistAsync();
        }
        catch (Exception exception)
        {
            LogForgetMailboxFailed(logger, exception, this.GetPrimaryKeyString(), mailboxId);
        }
    }

    private bool IsCurrent(string sessionId, string mailboxId) =>
        push.State.SessionId == sessionId && push.State.MailboxId == mailboxId;

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

    private static void ValidateId(string id, string parameterName, string what)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxSessionIdLength)
        {
            throw new ArgumentException($"A {what} has 1 to {MaxSessionIdLength} characters.", parameterName);
        }
    }

    private readonly record struct Waiter(string SessionId, TaskCompletionSource<PushPollStatus> Signal);
}
