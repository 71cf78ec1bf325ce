namespace Anna.Core.Statistics;

/// <summary>One calendar day (host-local) of executed actions; <see cref="Rate"/> is null on a day nothing ran.</summary>
public sealed record DailySuccessRate(DateOnly Day, int Attempts, int Successes)
{
    public double? Rate => Attempts == 0 ? null : (double)Successes / Attempts;
}
