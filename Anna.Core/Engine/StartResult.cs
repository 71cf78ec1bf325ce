namespace Anna.Core.Engine;

/// <summary>Whether an allowed action actually started; if not, which gate held it back and why in words.</summary>
public sealed record StartResult(StartOutcome Outcome, string Why)
{
    public static readonly StartResult Running = new(StartOutcome.Started, "started");

    public bool Started => Outcome == StartOutcome.Started;
}
