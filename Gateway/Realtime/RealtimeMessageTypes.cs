namespace GameCluster.Gateway.Realtime;

/// <summary>The <c>type</c> values of realtime envelopes.</summary>
public static class RealtimeMessageTypes
{
    /// <summary>Client request: an application-level ping; answered with a result carrying the server time.</summary>
    public const string Ping = "ping";

    /// <summary>Client request: continue the push stream after <c>last_seq</c>.</summary>
    public const string Resume = "resume";

    /// <summary>Client request: the player's profile.</summary>
    public const string GetProfile = "player.get_profile";

    /// <summary>Client request: change the display name (<c>display_name</c>); pushes <c>profile_changed</c>.</summary>
    public const string SetDisplayName = "player.set_display_name";

    /// <summary>Client request: add <c>amount</c> to the player's counter.</summary>
    public const string Increment = "player.increment";

    /// <summary>Server reply to a request (echoes its <c>cid</c>).</summary>
    public const string Result = "result";

    /// <summary>Server reply when a request failed (echoes its <c>cid</c>), with <c>code</c> and <c>message</c>.</summary>
    public const string Error = "error";

    /// <summary>Server message right after connecting: session id, player id and latest push sequence.</summary>
    public const string Welcome = "welcome";

    /// <summary>Server push with a per-player <c>seq</c>.</summary>
    public const string Push = "push";

    /// <summary>Server message: the requested pushes are gone; reload state and continue from <c>latest_seq</c>.</summary>
    public const string ResyncRequired = "resync_required";

    /// <summary>Server message: this gateway is draining; reconnect (to any gateway) and resume.</summary>
    public const string Reconnect = "reconnect";

    /// <summary>Server message: a newer connection of the same player replaced this one.</summary>
    public const string SessionReplaced = "session_replaced";
}
