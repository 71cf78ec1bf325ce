namespace Anna.Core.History;

/// <summary>What one retention batch deleted: history entries and resolved issue occurrences.</summary>
public sealed record HistoryPruned(int Entries, int Issues)
{
    /// <summary>A full batch of either: more may be left.</summary>
    public bool Full(int limit) => Entries >= limit || Issues >= limit;
}
