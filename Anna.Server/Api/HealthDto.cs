using Anna.Core.Engine;

namespace Anna.Server.Api;

/// <summary>GET /api/v1/health.</summary>
public sealed record HealthDto(string State, IReadOnlyList<IssueDto> Issues, IReadOnlyDictionary<string, string> Watching, DateTimeOffset At)
{
    public static HealthDto From(HealthReport report) =>
        new(JsonNames.State(report.State), report.Issues.Select(IssueDto.From).ToList(), report.Watching, report.At);
}
