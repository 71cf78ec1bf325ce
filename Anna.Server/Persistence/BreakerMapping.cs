using System.Text.Json;
using Anna.Core.Breaker;

namespace Anna.Server.Persistence;

/// <summary>Between the Core's breaker record and its row; failure times become a JSON array of unix milliseconds.</summary>
internal static class BreakerMapping
{
    public static string FailuresToJson(IReadOnlyList<DateTimeOffset> failures) =>
        JsonSerializer.Serialize(failures.Select(f => f.ToUnixTimeMilliseconds()));

    public static BreakerRecord ToRecord(BreakerRow row)
    {
        var failures = JsonSerializer.Deserialize<long[]>(row.Failures)
            ?? throw new InvalidDataException($"Breaker '{row.Subject}' has no failure list in the store.");
        return new BreakerRecord(
            row.Subject,
            row.State,
            Array.ConvertAll(failures, DateTimeOffset.FromUnixTimeMilliseconds),
            row.OpenedAt,
            row.Trips);
    }
}
