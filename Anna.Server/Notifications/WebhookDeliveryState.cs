namespace Anna.Server.Notifications;

/// <summary>Where a webhook delivery stands.</summary>
public enum WebhookDeliveryState
{
    /// <summary>Waiting to be sent, or being sent; sent again after a restart (receivers dedupe by the delivery id).</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every try failed: kept, with the last error, until a person retries it.</summary>
    Dead,
}
