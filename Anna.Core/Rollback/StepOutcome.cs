namespace Anna.Core.Rollback;

/// <summary>What undoing one step did.</summary>
public sealed record StepOutcome(string Step, bool Succeeded, string Detail)
{
    public override string ToString() => $"{Step}: {(Succeeded ? "" : "FAILED: ")}{Detail}";
}
