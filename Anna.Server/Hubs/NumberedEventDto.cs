namespace Anna.Server.Hubs;

/// <summary>An engine event with its number in the event log (GET /api/v1/events).</summary>
public sealed record NumberedEventDto(long Id, EngineEventDto Event);
