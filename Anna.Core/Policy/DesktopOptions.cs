namespace Anna.Core.Policy;

/// <summary>[notifications.desktop]: what the person at the desktop is shown by <c>annactl notify</c>.</summary>
public sealed record DesktopOptions
{
    /// <summary>A session that healed (or failed to heal) something: one notification for the session.</summary>
    public bool Sessions { get; init; } = true;

    /// <summary>An action waiting for a person's approval.</summary>
    public bool Approvals { get; init; } = true;

    /// <summary>low, normal or critical (the desktop's urgency hint).</summary>
    public string Urgency { get; init; } = "normal";

    public static readonly IReadOnlyList<string> Urgencies = ["low", "normal", "critical"];
}
