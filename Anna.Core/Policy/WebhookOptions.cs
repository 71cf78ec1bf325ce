namespace Anna.Core.Policy;

/// <summary>
/// [notifications.webhook]: where Anna posts its events as JSON, which ones, and how hard it tries.
/// No URL, no webhook. The signing secret lives in a file only root can read, never in
/// healing.toml (which every user may read).
/// </summary>
public sealed record WebhookOptions
{
    public IReadOnlyList<string> Urls { get; init; } = [];

    /// <summary>The event kinds posted, as the live feed names them (snake case).</summary>
    public IReadOnlyList<string> Events { get; init; } = DefaultEvents;

    /// <summary>A file holding the HMAC-SHA256 key; empty for unsigned deliveries.</summary>
    public string SecretFile { get; init; } = "";

    /// <summary>Tries per delivery before it goes to the dead letters.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Seconds one try may take before it counts as failed.</summary>
    public int TimeoutSeconds { get; init; } = 10;

    /// <summary>What a person would want to hear about: what Anna did, what it waits for, what stopped it.</summary>
    public static readonly IReadOnlyList<string> DefaultEvents =
        ["action_succeeded", "action_failed", "action_undone", "approval_requested", "breaker_tripped", "session_finished"];
}
