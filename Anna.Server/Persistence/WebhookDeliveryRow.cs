using Anna.Server.Notifications;

namespace Anna.Server.Persistence;

/// <summary>
/// A row of <c>webhook_deliveries</c>: one event for one URL. Written before it is sent, so an
/// event is not lost when Anna stops before the receiver answered.
/// </summary>
public sealed class WebhookDeliveryRow
{
    public long Id { get; set; }
    public required string Url { get; set; }
    /// <summary>The event kind, as the live feed names it.</summary>
    public required string Event { get; set; }
    /// <summary>The JSON posted, exactly as signed.</summary>
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public WebhookDeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    /// <summary>Why the last try failed: the status code or the error.</summary>
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
