namespace Anna.Server.Security;

/// <summary>Request rate limits (host settings, section <c>Anna:RateLimits</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Anna:RateLimits";

    /// <summary>State changes (POST, PUT, DELETE) one identity may make per minute.</summary>
    public int StateChangesPerMinute { get; set; } = 120;

    /// <summary>Sign-in link redemptions one peer address may attempt per minute.</summary>
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>The window both limits count in, in seconds (a minute unless a test needs it shorter).</summary>
    public int WindowSeconds { get; set; } = 60;
}
