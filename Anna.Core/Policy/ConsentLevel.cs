namespace Anna.Core.Policy;

/// <summary>What consent stands behind a decision to execute.</summary>
public enum ConsentLevel
{
    None,
    /// <summary>The policy file allows it: the person consented by configuring Anna.</summary>
    Implied,
    /// <summary>A person approved this one action.</summary>
    Explicit,
    /// <summary>A person approved this category for the rest of a session.</summary>
    PerSession,
}
