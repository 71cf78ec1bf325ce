using Anna.Core.Vocabulary;
using Anna.Server.Notifications;
using Anna.Server.Persistence;

namespace Anna.Server.Api;

/// <summary>One webhook delivery: where, which event, how it stands and why it failed.</summary>
public sealed record WebhookDeliveryDto(
    long Id, string Url, string Event, string State, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt, string? LastError, DateTimeOffset? DeliveredAt, string Body)
{
    public static WebhookDeliveryDto From(WebhookDeliveryRow row) =>
        new(row.Id, row.Url, row.Event, EnumNames<WebhookDeliveryState>.ToName(row.State), row.Attempts, row.CreatedAt,
            row.LastAttemptAt, row.LastError, row.DeliveredAt, row.Body);
}
