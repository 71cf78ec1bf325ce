namespace Anna.Core.Policy;

/// <summary>How long Anna keeps the history of what it did and proposed.</summary>
public sealed record HistoryOptions
{
    /// <summary>
    /// Days an action stays in the history; older ones are deleted, except an action still in progress or
    /// still undoable. 0 keeps everything. The default, 400, is a little over a year: the longest insights
    /// period (365 days) always has all of its history, and the file stops growing after that.
    /// </summary>
    public int RetentionDays { get; init; } = 400;
}
