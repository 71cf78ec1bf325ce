using Anna.Server.Hubs;

namespace Anna.Server.Notifications;

/// <summary>
/// What a webhook receives: the host it comes from and the event exactly as the live feed pushes it
/// (docs/admin-guide/WEBHOOKS.md has the schema).
/// </summary>
public sealed record WebhookBody(string Host, EngineEventDto Event);
