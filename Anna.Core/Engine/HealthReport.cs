using Anna.Core.Sessions;
namespace Anna.Core.Engine;

/// <summary>The state of the machine as Anna sees it right now.</summary>
/// <param name="Watching">What Anna can and cannot watch, in words (e.g. "systemd: connected").</param>
public sealed record HealthReport(
    SystemState State,
    IReadOnlyList<IssueView> Issues,
    IReadOnlyDictionary<string, string> Watching,
    DateTimeOffset At);
