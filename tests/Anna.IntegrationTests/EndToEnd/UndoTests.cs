using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.EndToEnd;

/// <summary>
/// Undo through the REST API on a real systemd: a unit Anna restarted is stopped again — the
/// was-active state it had before — the undo is in history with who asked, and a second undo is
/// refused as already undone.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class UndoTests(SystemdSandboxFixture systemd) : IAsyncLifetime
{
    private const string Policy = """
        [healing]
        policy = "supervised"
        settle_seconds = 1
        """;

    private AnnaOnSandbox _anna = null!;

    private UnitDriver Units => _anna.Units;

    private AnnaClient Client => _anna.Client;

    public async Task InitializeAsync() => _anna = await AnnaOnSandbox.StartAsync(systemd, Policy);

    public async Task DisposeAsync() => await _anna.DisposeAsync();

    [Fact]
    public async Task Undoing_a_restart_stops_the_unit_again_records_who_asked_and_refuses_a_second_time()
    {
        const string unit = "e2e-undo.service";
        var pid = await Units.StartSleeperAsync(unit);
        UnitDriver.Kill(pid);
        var healed = await Eventually.HoldsAsync(() => Client.HistoryForAsync(unit),
            rows => rows.Any(r => r.GetProperty("outcome").GetString() == "success"), "Anna to restart the unit");
        var restart = Assert.Single(healed);
        var id = restart.GetProperty("id").GetInt64();
        Assert.Equal("undoable", restart.GetProperty("undoState").GetString());
        Assert.True((await Units.StatusAsync(unit)).IsActive);

        var detail = await Client.Http.GetFromJsonAsync<JsonElement>($"/api/v1/history/{id}");
        Assert.True(detail.GetProperty("undo").GetProperty("available").GetBoolean(), detail.ToString());
        var step = Assert.Single(detail.GetProperty("steps").EnumerateArray());
        Assert.Equal("stop_service", step.GetProperty("kind").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/history/{id}/undo");
        request.Headers.Add("X-Anna-User", "dana");
        var response = await Client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("undone", result.GetProperty("status").GetString());
        Assert.Contains("stop job done", Assert.Single(result.GetProperty("steps").EnumerateArray()).GetProperty("detail").GetString());
        var status = await Units.StatusAsync(unit);
        Assert.Equal("inactive", status.ActiveState);

        var rows = await Client.HistoryForAsync(unit);
        var undo = Assert.Single(rows, r => r.GetProperty("action").GetString() == "undo");
        Assert.Equal(result.GetProperty("undoEntryId").GetInt64(), undo.GetProperty("id").GetInt64());
        Assert.Equal("success", undo.GetProperty("outcome").GetString());
        Assert.Equal("token:tests", undo.GetProperty("approvedBy").GetString()); // X-Anna-User names nobody: the token does
        Assert.Contains($"undo of #{id}", undo.GetProperty("reason").GetString());
        Assert.Equal("undone", rows.Single(r => r.GetProperty("id").GetInt64() == id).GetProperty("undoState").GetString());

        var again = await Client.Http.PostAsync($"/api/v1/history/{id}/undo", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("already_undone", problem.GetProperty("undoStatus").GetString());
        Assert.Equal(2, (await Client.HistoryForAsync(unit)).Count);

        // Stopped on purpose is not a failure: Anna leaves it stopped.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal("inactive", (await Units.StatusAsync(unit)).ActiveState);
        Assert.Equal(2, (await Client.HistoryForAsync(unit)).Count);
        await Units.StopAsync(unit);
    }

    [Fact]
    public async Task A_client_that_hangs_up_during_an_undo_does_not_cut_it_short()
    {
        // Stopping this unit takes three seconds (its ExecStop), so the undo is still running when the client gives up.
        const string unit = "e2e-undo-hangup.service";
        var pid = await Units.StartSleeperAsync(unit, "ExecStop=/bin/sleep 3");
        UnitDriver.Kill(pid);
        var healed = await Eventually.HoldsAsync(() => Client.HistoryForAsync(unit),
            rows => rows.Any(r => r.GetProperty("outcome").GetString() == "success"), "Anna to restart the unit");
        var id = Assert.Single(healed).GetProperty("id").GetInt64();

        using (var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.Http.PostAsync($"/api/v1/history/{id}/undo", null, impatient.Token));
        }

        // The undo ran to its end all the same: recorded as a success, the unit stopped again.
        var rows = await Eventually.HoldsAsync(() => Client.HistoryForAsync(unit),
            r => r.Any(x => x.GetProperty("action").GetString() == "undo" && AnnaClient.Finished(x)), "the undo to finish");
        Assert.Equal("success", rows.Single(r => r.GetProperty("action").GetString() == "undo").GetProperty("outcome").GetString());
        Assert.Equal("undone", rows.Single(r => r.GetProperty("id").GetInt64() == id).GetProperty("undoState").GetString());
        Assert.Equal("inactive", (await Units.StatusAsync(unit)).ActiveState);
    }
}
