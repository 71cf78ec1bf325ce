using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.EndToEnd;

/// <summary>
/// Under the default supervised policy a failed ssh.service — a medium-risk restart, since a bad
/// restart can cut off remote access — is queued, not run; approving it through the API runs it.
/// The unit lives in the sandboxed manager: the machine's own ssh is never touched.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class MediumRiskApprovalTests(SystemdSandboxFixture systemd) : IAsyncLifetime
{
    private const string Unit = "ssh.service";

    private AnnaOnSandbox _anna = null!;

    public async Task InitializeAsync() =>
        _anna = await AnnaOnSandbox.StartAsync(systemd, "[healing]\npolicy = \"supervised\"\nsettle_seconds = 0.5\n");

    public async Task DisposeAsync()
    {
        await _anna.Units.StopAsync(Unit);
        await _anna.DisposeAsync();
    }

    [Fact]
    public async Task A_medium_risk_restart_is_queued_then_executed_once_approved()
    {
        var pid = await _anna.Units.StartSleeperAsync(Unit);
        UnitDriver.Kill(pid);

        var pending = await Eventually.HoldsAsync(() => _anna.Client.ApprovalsAsync(),
            list => list.Any(a => a.GetProperty("subject").GetString() == Unit), "the restart to be queued");
        var request = pending.Single(a => a.GetProperty("subject").GetString() == Unit);
        Assert.Equal("medium", request.GetProperty("risk").GetString());
        Assert.Equal("restart_critical_service", request.GetProperty("action").GetString());
        Assert.Equal("medium risk requires approval", request.GetProperty("reason").GetString());
        await Task.Delay(500);
        Assert.True((await _anna.Units.StatusAsync(Unit)).IsFailed, "nothing runs before approval");

        await _anna.Client.PostAsync("/api/v1/approvals", new { ids = new[] { request.GetProperty("id").GetGuid() }, decision = "approve" });

        await Eventually.HoldsAsync(() => _anna.Units.StatusAsync(Unit), s => s.IsActive && s.MainPid > 0 && s.MainPid != pid, "the approved restart");
        var rows = await Eventually.HoldsAsync(() => _anna.Client.HistoryForAsync(Unit),
            r => r.Any(e => e.GetProperty("outcome").GetString() == "success"), "a success row");
        Assert.Contains(rows, e => e.GetProperty("outcome").GetString() == "awaiting_approval");
    }
}
