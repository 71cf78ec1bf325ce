namespace Anna.Core.Engine;

/// <summary>
/// How long Anna waits before trying again to heal an issue whose automatic fix just failed:
/// 1 s after the first failure, then 2, 4, 8, 16, 32 and at most 60 s, counted since the issue's
/// last success. Every failure also counts for the circuit breaker, so a unit that keeps failing
/// gets exactly <c>max_failures</c> tries and then the breaker's "open until …" — the same way
/// every time, whatever the timing of its failures.
/// </summary>
public static class RetryBackoff
{
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(60);

    public static TimeSpan After(int failures) =>
        failures <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(Longest.TotalSeconds, 1 << Math.Min(failures - 1, 6)));
}
