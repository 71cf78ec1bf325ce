using Anna.Core.Policy;

namespace Anna.Core.Engine;

/// <summary>
/// How often a probe runs now, and why: four times as often as configured while one of its issues
/// is a warning or worse (a filling disk is watched closely until it is fixed), half as often on a
/// machine that has had no warning for <see cref="StableAfter"/>, as configured otherwise — always
/// within the policy's <see cref="ProbeRateOptions"/>, and never past the configured interval in the
/// other direction (bounds narrow a change, they never reverse it).
/// </summary>
public sealed record ProbeCadence(TimeSpan Interval, string Reason)
{
    public const int Faster = 4;
    public const int Slower = 2;
    public static readonly TimeSpan StableAfter = TimeSpan.FromDays(1);

    /// <param name="configured">The probe's own interval, or the policy's scan_interval.</param>
    /// <param name="openIssue">The key of an open issue of the probe's kinds at warning or worse, or null.</param>
    /// <param name="wellFor">How long the machine has had no issue at warning or worse.</param>
    public static ProbeCadence Of(TimeSpan configured, string? openIssue, TimeSpan wellFor, ProbeRateOptions rates)
    {
        var fastest = TimeSpan.FromSeconds(rates.FastestSeconds);
        var slowest = TimeSpan.FromSeconds(rates.SlowestSeconds);
        if (openIssue is not null)
        {
            var faster = Max(configured / Faster, fastest);
            return faster < configured ? new(faster, $"faster while {openIssue} is open") : new(configured, "as configured");
        }
        if (wellFor >= StableAfter)
        {
            var slower = Min(configured * Slower, slowest);
            return slower > configured ? new(slower, $"slower: no warning for {Days(wellFor)}") : new(configured, "as configured");
        }
        return new(configured, "as configured");
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Days(TimeSpan span) => span.TotalDays >= 2 ? $"{(int)span.TotalDays} days" : "a day";
}
