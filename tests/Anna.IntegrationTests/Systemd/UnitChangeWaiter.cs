using Anna.Core.Linux.Systemd;

namespace Anna.IntegrationTests.Systemd;

/// <summary>Reads the adapter's change feed until a matching change arrives or time runs out.</summary>
internal static class UnitChangeWaiter
{
    public static async Task<(UnitChange Change, DateTimeOffset ReceivedAt, List<UnitChange> Seen)> WaitForAsync(
        ISystemdManager manager, UnitName unit, Func<UnitChange, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var seen = new List<UnitChange>();
        try
        {
            await foreach (var change in manager.WatchAsync(cts.Token))
            {
                if (change.Name != unit)
                    continue;
                seen.Add(change);
                if (match(change))
                    return (change, DateTimeOffset.UtcNow, seen);
            }
        }
        catch (OperationCanceledException)
        {
        }
        throw new TimeoutException(
            $"no matching change for {unit} within {timeout.TotalSeconds} s; saw: {string.Join(", ", seen.Select(c => c.ActiveState + "/" + c.SubState))}");
    }
}
