namespace Anna.Core.Engine;

/// <summary>Whether an allowed action actually started, and if not, why not in words.</summary>
public sealed record StartResult(bool Started, string Why)
{
    public static readonly StartResult Running = new(true, "started");
}
