using System.Text.Json;
using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.EndToEnd;

/// <summary>
/// A unit killed again while each heal is still being verified (inside settle_seconds): every failure is
/// healed in turn and none is left waiting, as systemd's Restart= keeps trying; each failed verification is
/// a failed heal in history, which the breaker counts (CircuitBreakerTests: a unit dying inside its
/// verification opens it at max_failures).
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class KilledDuringVerificationTests(SystemdSandboxFixture systemd) : IAsyncLifetime
{
    private const string Unit = "e2e-killed-in-settle.service";

    // The default verification (5 s), long enough to kill the unit inside it on a slow machine; a breaker that
    // lets the retries run.
    private const string Policy = """
        [healing]
        policy = "supervised"
        settle_seconds = 5

        [healing.circuit_breaker]
        max_failures = 100
        """;

    private AnnaOnSandbox _anna = null!;

    public async Task InitializeAsync() => _anna = await AnnaOnSandbox.StartAsync(systemd, Policy);

    public async Task DisposeAsync()
    {
        await _anna.Units.StopAsync(Unit);
        await _anna.DisposeAsync();
    }

    [Fact]
    public async Task Each_kill_during_a_heals_verification_is_healed_in_turn_and_recorded_as_a_failed_heal()
    {
        const int killedDuringVerification = 3;
        var pid = await _anna.Units.StartSleeperAsync(Unit);
        UnitDriver.Kill(pid);
        for (var round = 1; round <= killedDuringVerification; round++)
        {
            // Anna restarted it (a new main pid); half a second later, well inside the verification, it dies again.
            var back = await Eventually.HoldsAsync(() => _anna.Units.StatusAsync(Unit), s => s.IsActive && s.MainPid > 0 && s.MainPid != pid,
                $"heal {round} to bring the unit back", TimeSpan.FromSeconds(30));
            pid = back.MainPid;
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            UnitDriver.Kill(pid);
        }

        // The last heal is left alone: it is verified and the unit stays up.
        var rows = await Eventually.HoldsAsync(() => _anna.Client.HistoryForAsync(Unit),
            r => r.Any(x => Outcome(x) == "success") && r.All(AnnaClient.Finished), "the last heal to succeed", TimeSpan.FromSeconds(60));
        Assert.Equal(1, rows.Count(x => Outcome(x) == "success"));
        Assert.Equal(killedDuringVerification, rows.Count(x => Outcome(x) is "failed" or "rolled_back"));
        Assert.True((await _anna.Units.StatusAsync(Unit)).IsActive);
    }

    private static string? Outcome(JsonElement row) => row.GetProperty("outcome").GetString();
}
