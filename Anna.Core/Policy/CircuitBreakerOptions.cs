namespace Anna.Core.Policy;

/// <summary>When to stop healing after repeated failures.</summary>
public sealed record CircuitBreakerOptions
{
    public int MaxFailures { get; init; } = 3;
    /// <summary>Minutes.</summary>
    public int FailureWindowMinutes { get; init; } = 60;
}
