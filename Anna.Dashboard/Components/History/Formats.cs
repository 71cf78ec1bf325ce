using Anna.Core.History;

namespace Anna.Dashboard.Components.History;

/// <summary>How the history views write times and durations.</summary>
internal static class Formats
{
    /// <summary>The host's local time: the dashboard is read by the admin of that host.</summary>
    public static string Time(DateTimeOffset? at) => at?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss") ?? "—";

    /// <summary>Entries that never ran (suggested, awaiting approval, …) have no duration worth showing.</summary>
    public static string Duration(HistoryEntry entry) =>
        entry.FinishedAt is null && entry.DurationMs == 0 ? "—" : $"{entry.DurationMs} ms";
}
