namespace Anna.Core.Policy;

/// <summary>How long and how much Anna keeps to undo its actions.</summary>
public sealed record RollbackOptions
{
    public int HistorySize { get; init; } = 10;
    public bool AutoRollbackOnFailure { get; init; } = true;
    /// <summary>Minutes an action stays undoable.</summary>
    public int RollbackTimeoutMinutes { get; init; } = 60;
}
