namespace Anna.Core.Policy;

/// <summary>How much Anna may do on its own.</summary>
public enum HealingPolicy
{
    /// <summary>Never executes anything on its own; everything is a suggestion.</summary>
    Manual,
    /// <summary>Suggests with explanations; executes only what a person confirms.</summary>
    Guided,
    /// <summary>Executes safe actions in auto-heal categories; asks for the rest.</summary>
    Supervised,
    /// <summary>Executes everything except never-auto-heal categories and critical risk.</summary>
    Autonomous,
}
