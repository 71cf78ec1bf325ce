using Anna.Core.History;

namespace Anna.Core.Statistics;

/// <summary>The history tallies of one calendar day of the host.</summary>
public sealed record DayTallies(DateOnly Day, IReadOnlyList<HistoryTally> Tallies);
