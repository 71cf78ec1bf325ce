namespace Anna.Core.Policy;

/// <summary>What the engine does with a candidate action.</summary>
public enum DecisionKind
{
    /// <summary>Show it; nothing runs.</summary>
    Suggest,
    /// <summary>Queue it for a person's approval.</summary>
    NeedsApproval,
    /// <summary>Run it now.</summary>
    Execute,
    /// <summary>Policy allows it, but not now: it waits for a maintenance window or the next session.</summary>
    Defer,
}
