using Anna.Core.Events;
using Anna.Server.Api;

namespace Anna.Server.Hubs;

/// <summary>An engine event as pushed over SignalR.</summary>
public sealed record EngineEventDto(string Kind, DateTimeOffset At, string Message, string? IssueKey, HistoryEntryDto? Entry)
{
    public static EngineEventDto From(EngineEvent e) =>
        new(JsonNames.Snake(e.Kind), e.At, e.Message, e.Issue?.Key, e.Entry is null ? null : HistoryEntryDto.From(e.Entry));
}
