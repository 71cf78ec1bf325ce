using System.Net.Http.Json;
using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.EndToEnd;

/// <summary>
/// Approvals against a real systemd: with a policy that asks before every restart, a killed unit is
/// queued with its dry run; approving through the API runs it, rejecting leaves the machine as it is.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class ApprovalTests(SystemdSandboxFixture systemd) : IAsyncLifetime
{
    // Restarts are safe, so to exercise the queue this policy asks for approval of safe actions too.
    private const string Policy = """
        [healing]
        policy = "supervised"
        require_approval = ["safe", "medium", "high", "critical"]
        settle_seconds = 0.5
        """;

    private AnnaOnSandbox _anna = null!;

    private UnitDriver Units => _anna.Units;

    private AnnaClient Client => _anna.Client;

    public async Task InitializeAsync() => _anna = await AnnaOnSandbox.StartAsync(systemd, Policy);

    public async Task DisposeAsync() => await _anna.DisposeAsync();

    [Fact]
    public async Task A_queued_restart_runs_once_approved_and_records_who_approved_it()
    {
        const string unit = "e2e-approve.service";
        var pid = await Units.StartSleeperAsync(unit);
        UnitDriver.Kill(pid);

        var request = await QueuedFor(unit);
        Assert.Equal("safe risk requires approval", request.GetProperty("reason").GetString());
        Assert.Contains("would reset its failed state, then start", request.GetProperty("dryRun").GetString());
        Assert.True((await Units.StatusAsync(unit)).IsFailed, "nothing runs before approval");

        Client.Http.DefaultRequestHeaders.Add("X-Anna-User", "alice");
        var outcome = await Client.PostAsync("/api/v1/approvals", new { ids = new[] { request.GetProperty("id").GetGuid() }, decision = "approve" });

        Assert.Equal("approved; executing", outcome[0].GetProperty("result").GetString());
        await Eventually.HoldsAsync(() => Units.StatusAsync(unit), s => s.IsActive && s.MainPid > 0 && s.MainPid != pid, "the approved restart");
        var row = await Eventually.HoldsAsync(() => Client.HistoryForAsync(unit),
            rows => rows.Any(r => r.GetProperty("outcome").GetString() == "success"), "a success row");
        var success = row.First(r => r.GetProperty("outcome").GetString() == "success");
        Assert.Equal("token:tests", success.GetProperty("approvedBy").GetString()); // X-Anna-User names nobody: the token does
        Assert.Equal("explicit", success.GetProperty("consent").GetString());
        Assert.Empty(await Client.ApprovalsAsync());
        await Units.StopAsync(unit);
    }

    [Fact]
    public async Task A_rejected_restart_leaves_the_unit_failed()
    {
        const string unit = "e2e-reject.service";
        var pid = await Units.StartSleeperAsync(unit);
        UnitDriver.Kill(pid);
        var request = await QueuedFor(unit);

        var outcome = await Client.PostAsync("/api/v1/approvals", new { ids = new[] { request.GetProperty("id").GetGuid() }, decision = "reject" });

        Assert.Equal("rejected", outcome[0].GetProperty("status").GetString());
        await Task.Delay(1000);
        Assert.True((await Units.StatusAsync(unit)).IsFailed);
        var rows = await Client.HistoryForAsync(unit);
        Assert.Contains(rows, r => r.GetProperty("outcome").GetString() == "rejected");
        Assert.DoesNotContain(rows, r => r.GetProperty("outcome").GetString() == "success");
        var again = await Client.Http.PostAsJsonAsync("/api/v1/approvals", new { ids = new[] { request.GetProperty("id").GetGuid() }, decision = "approve" });
        var second = await again.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.False(second[0].GetProperty("accepted").GetBoolean());
        Assert.Equal("already rejected", second[0].GetProperty("result").GetString());
        await Units.StopAsync(unit);
    }

    private async Task<System.Text.Json.JsonElement> QueuedFor(string unit)
    {
        var pending = await Eventually.HoldsAsync(() => Client.ApprovalsAsync(),
            list => list.Any(a => a.GetProperty("subject").GetString() == unit), $"an approval request for {unit}");
        return pending.Single(a => a.GetProperty("subject").GetString() == unit);
    }
}
