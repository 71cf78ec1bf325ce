namespace Anna.Server.Security;

/// <summary>Browser sign-in sessions (host settings, section <c>Anna:Sessions</c>).</summary>
public sealed class SessionOptions
{
    public const string Section = "Anna:Sessions";

    /// <summary>A session not used for this long ends.</summary>
    public int IdleMinutes { get; set; } = 30;

    /// <summary>A session ends this long after sign-in, used or not.</summary>
    public int AbsoluteHours { get; set; } = 12;

    /// <summary>How long a one-time sign-in link stays valid.</summary>
    public int LinkSeconds { get; set; } = 60;

    /// <summary>Whether <c>/metrics</c> answers without a token when asked from this machine (Prometheus on the same host).</summary>
    public bool MetricsOpenOnLoopback { get; set; } = true;
}
