namespace Anna.Core.Policy;

/// <summary>[notifications]: how Anna tells people what it did, beyond the dashboard.</summary>
public sealed record NotificationOptions
{
    public DesktopOptions Desktop { get; init; } = new();

    public WebhookOptions Webhook { get; init; } = new();
}
