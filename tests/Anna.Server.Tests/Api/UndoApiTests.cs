using Anna.Core.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Anna.Core.Rollback;

namespace Anna.Server.Tests.Api;

/// <summary>
/// The undo doors over a real host and a real SQLite journal: bad input is a 400 naming the field,
/// every refusal has its status code and reason and changes nothing, and an undo that runs is
/// recorded with who asked.
/// </summary>
public sealed class UndoApiTests(UndoAppFactory factory) : IClassFixture<UndoAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/api/v1/history/abc/undo", "id")]
    [InlineData("/api/v1/history/0/undo", "id")]
    [InlineData("/api/v1/history/-3/undo", "id")]
    [InlineData("/api/v1/history/1.5/undo", "id")]
    [InlineData("/api/v1/history/99999999999999999999/undo", "id")]
    [InlineData("/api/v1/history/1/undo?force=maybe", "force")]
    [InlineData("/api/v1/history/undo", "last")]
    [InlineData("/api/v1/history/undo?last=0", "last")]
    [InlineData("/api/v1/history/undo?last=11", "last")] // history_size is 10 by default
    [InlineData("/api/v1/history/undo?last=two", "last")]
    [InlineData("/api/v1/history/undo?last=-1", "last")]
    [InlineData("/api/v1/history/undo?last=1&force=1", "force")]
    public async Task Bad_input_is_a_problem_naming_the_field(string path, string field)
    {
        var response = await _client.PostAsync(path, null);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var reasons), $"errors should name {field}: {problem}");
        Assert.NotEmpty(reasons[0].GetString()!);
    }

    [Fact]
    public async Task A_bad_id_on_the_entry_is_a_problem_naming_it()
    {
        var problem = await ProblemAsync(await _client.GetAsync("/api/v1/history/x1"), HttpStatusCode.BadRequest);

        Assert.Contains("x1", problem.GetProperty("errors").GetProperty("id")[0].GetString());
    }

    [Fact]
    public async Task An_unknown_action_is_404_for_undo_and_for_the_entry()
    {
        var undo = await ProblemAsync(await _client.PostAsync("/api/v1/history/987654/undo", null), HttpStatusCode.NotFound);
        var entry = await ProblemAsync(await _client.GetAsync("/api/v1/history/987654"), HttpStatusCode.NotFound);

        Assert.Equal("not_found", undo.GetProperty("undoStatus").GetString());
        Assert.Contains("#987654", undo.GetProperty("detail").GetString());
        Assert.Equal(987654, entry.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task An_action_still_running_is_refused_and_stays_running()
    {
        var id = await factory.RunningAsync("running.service");

        var problem = await ProblemAsync(await _client.PostAsync($"/api/v1/history/{id}/undo", null), HttpStatusCode.Conflict);

        Assert.Equal("in_progress", problem.GetProperty("undoStatus").GetString());
        Assert.Equal(id, problem.GetProperty("id").GetInt64());
        var detail = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/history/{id}");
        Assert.Equal("in_progress", detail.GetProperty("entry").GetProperty("outcome").GetString());
        Assert.False(detail.GetProperty("undo").GetProperty("available").GetBoolean());
        Assert.Equal("in_progress", detail.GetProperty("undo").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(UndoState.Undone, "already_undone")]
    [InlineData(UndoState.Expired, "expired")]
    [InlineData(UndoState.NotUndoable, "not_undoable")]
    public async Task Each_undo_state_but_undoable_is_a_409_with_its_reason(UndoState state, string status)
    {
        var (id, path) = await factory.RewroteFileAsync($"state-{state}.conf");
        await factory.Journal.SetUndoStateAsync(id, state, $"set by the test to {state}", CancellationToken.None);

        var problem = await ProblemAsync(await _client.PostAsync($"/api/v1/history/{id}/undo", null), HttpStatusCode.Conflict);

        Assert.Equal(status, problem.GetProperty("undoStatus").GetString());
        Assert.Contains($"set by the test to {state}", problem.GetProperty("detail").GetString());
        Assert.Equal($"state-{state}.conf after", await File.ReadAllTextAsync(path));
        Assert.Equal(state, (await factory.Journal.GetAsync(id, CancellationToken.None))!.UndoState);
    }

    [Fact]
    public async Task An_action_past_its_rollback_timeout_is_expired_before_retention_purges_it()
    {
        var (id, path) = await factory.RewroteFileAsync("late.conf");
        var record = (await factory.Journal.GetAsync(id, CancellationToken.None))!;
        await factory.Journal.FinishAsync(id, record.Entry, record.Snapshot, UndoState.Undoable, DateTimeOffset.UtcNow.AddMinutes(-1), null, CancellationToken.None);

        var problem = await ProblemAsync(await _client.PostAsync($"/api/v1/history/{id}/undo", null), HttpStatusCode.Conflict);

        Assert.Equal("expired", problem.GetProperty("undoStatus").GetString());
        Assert.Equal("late.conf after", await File.ReadAllTextAsync(path));
        var row = await RowAsync(id);
        Assert.Equal("expired", row.GetProperty("undoState").GetString());
    }

    [Fact]
    public async Task Drift_is_refused_listing_what_changed_and_force_undoes_it_once()
    {
        var (id, path) = await factory.RewroteFileAsync("drift.conf");
        var left = ContentHash.Short(UndoAppFactory.Sha256(path));
        await File.WriteAllTextAsync(path, "edited by a person since");
        var now = ContentHash.Short(UndoAppFactory.Sha256(path));
        _client.DefaultRequestHeaders.Add("X-Anna-User", "alice");

        var refused = await ProblemAsync(await _client.PostAsync($"/api/v1/history/{id}/undo", null), HttpStatusCode.Conflict);

        Assert.Equal("drifted", refused.GetProperty("undoStatus").GetString());
        Assert.Contains("force overrides drift of files", refused.GetProperty("detail").GetString());
        var drift = Assert.Single(refused.GetProperty("drifts").EnumerateArray());
        Assert.Equal(path, drift.GetProperty("subject").GetString());
        Assert.Contains(left, drift.GetProperty("reason").GetString());
        Assert.Contains(now, drift.GetProperty("reason").GetString());
        Assert.True(drift.GetProperty("fileOnly").GetBoolean());
        Assert.Equal("edited by a person since", await File.ReadAllTextAsync(path));

        var response = await _client.PostAsync($"/api/v1/history/{id}/undo?force=true", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("undone", result.GetProperty("status").GetString());
        Assert.False(result.GetProperty("refused").GetBoolean());
        var step = Assert.Single(result.GetProperty("steps").EnumerateArray());
        Assert.True(step.GetProperty("succeeded").GetBoolean());
        Assert.Equal("drift.conf before", await File.ReadAllTextAsync(path));

        // The undo is an entry of its own, with who asked; the action reads as undone everywhere.
        var undoId = result.GetProperty("undoEntryId").GetInt64();
        var undoEntry = (await _client.GetFromJsonAsync<JsonElement>($"/api/v1/history/{undoId}")).GetProperty("entry");
        Assert.Equal("undo", undoEntry.GetProperty("action").GetString());
        Assert.Equal("success", undoEntry.GetProperty("outcome").GetString());
        Assert.Equal("token:tests", undoEntry.GetProperty("approvedBy").GetString()); // X-Anna-User names nobody: the token does
        Assert.Contains($"undo of #{id}", undoEntry.GetProperty("reason").GetString());
        Assert.Contains("forced past drift", undoEntry.GetProperty("reason").GetString());
        var original = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/history/{id}");
        Assert.Equal("undone", original.GetProperty("undoState").GetString());
        Assert.Contains($"#{undoId}", original.GetProperty("undoNote").GetString());
        Assert.Equal("undone", (await RowAsync(id)).GetProperty("undoState").GetString());
        Assert.Equal("not_undoable", (await RowAsync(undoId)).GetProperty("undoState").GetString());

        var twice = await ProblemAsync(await _client.PostAsync($"/api/v1/history/{id}/undo?force=true", null), HttpStatusCode.Conflict);
        Assert.Equal("already_undone", twice.GetProperty("undoStatus").GetString());
    }

    [Fact]
    public async Task An_undo_whose_step_fails_is_reported_step_by_step_and_can_be_tried_again()
    {
        // This host has no systemd: starting the unit again cannot succeed.
        var id = await factory.FinishedAsync("stopped.service", [new RestartServiceStep("stopped.service")], UndoState.Undoable, DateTimeOffset.UtcNow.AddHours(1));

        var response = await _client.PostAsync($"/api/v1/history/{id}/undo", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("failed", result.GetProperty("status").GetString());
        var step = Assert.Single(result.GetProperty("steps").EnumerateArray());
        Assert.False(step.GetProperty("succeeded").GetBoolean());
        Assert.Equal("start stopped.service again (it was active before)", step.GetProperty("step").GetString());
        var undoRow = await RowAsync(result.GetProperty("undoEntryId").GetInt64());
        Assert.Equal("failed", undoRow.GetProperty("outcome").GetString());
        var detail = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/history/{id}");
        Assert.Equal("undoable", detail.GetProperty("undoState").GetString());
        Assert.Contains("can be tried again", detail.GetProperty("undoNote").GetString());
    }

    [Fact]
    public async Task The_entry_shows_its_steps_undo_window_and_that_undo_is_available()
    {
        var (id, path) = await factory.RewroteFileAsync("detail.conf");

        var detail = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/history/{id}");

        Assert.True(detail.GetProperty("journaled").GetBoolean());
        Assert.Equal(id, detail.GetProperty("entry").GetProperty("id").GetInt64());
        Assert.Equal("undoable", detail.GetProperty("undoState").GetString());
        Assert.Equal("undoable", detail.GetProperty("entry").GetProperty("undoState").GetString());
        Assert.True(detail.GetProperty("undoableUntil").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(50));
        var step = Assert.Single(detail.GetProperty("steps").EnumerateArray());
        Assert.Equal("restore_file", step.GetProperty("kind").GetString());
        Assert.Equal($"restore {path} from its backup", step.GetProperty("description").GetString());
        var undo = detail.GetProperty("undo");
        Assert.True(undo.GetProperty("available").GetBoolean());
        Assert.Equal("available", undo.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_row_that_never_ran_has_no_journal_side_and_nothing_to_undo()
    {
        var id = await factory.History.AppendAsync(Persistence.HistoryEntries.Restart(DateTimeOffset.UtcNow, ActionOutcome.Suggested, subject: "suggested.service"), CancellationToken.None);

        var detail = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/history/{id}");
        var refused = await ProblemAsync(await _client.PostAsync($"/api/v1/history/{id}/undo", null), HttpStatusCode.NotFound);

        Assert.False(detail.GetProperty("journaled").GetBoolean());
        Assert.Equal("not_undoable", detail.GetProperty("undoState").GetString());
        Assert.Empty(detail.GetProperty("steps").EnumerateArray());
        Assert.False(detail.GetProperty("undo").GetProperty("available").GetBoolean());
        Assert.Equal("not_undoable", (await RowAsync(id)).GetProperty("undoState").GetString());
        Assert.Equal("not_found", refused.GetProperty("undoStatus").GetString());
    }

    [Fact]
    public async Task Undo_last_goes_newest_first_and_stops_at_the_first_refusal()
    {
        // A host of its own: "the newest undoable actions" must be only this test's.
        await using var own = new UndoAppFactory();
        var client = own.CreateClient();
        var (oldest, oldestPath) = await own.RewroteFileAsync("a.conf");
        var (middle, middlePath) = await own.RewroteFileAsync("b.conf");
        var (newest, newestPath) = await own.RewroteFileAsync("c.conf");
        await File.WriteAllTextAsync(middlePath, "changed since");

        var response = await client.PostAsync("/api/v1/history/undo?last=3", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal([newest, middle], results.Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal("undone", results[0].GetProperty("status").GetString());
        Assert.Equal("drifted", results[1].GetProperty("status").GetString());
        Assert.True(results[1].GetProperty("refused").GetBoolean());
        Assert.Equal(middlePath, Assert.Single(results[1].GetProperty("drifts").EnumerateArray()).GetProperty("subject").GetString());
        Assert.Equal("c.conf before", await File.ReadAllTextAsync(newestPath));
        Assert.Equal("changed since", await File.ReadAllTextAsync(middlePath));
        Assert.Equal("a.conf after", await File.ReadAllTextAsync(oldestPath));
        Assert.Equal(UndoState.Undoable, (await own.Journal.GetAsync(oldest, CancellationToken.None))!.UndoState);

        // With nothing in the way, the next call takes the next newest: the drifted one only with force.
        var forced = (await (await client.PostAsync("/api/v1/history/undo?last=1&force=true", null)).Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(middle, Assert.Single(forced).GetProperty("id").GetInt64());
        Assert.Equal("undone", forced[0].GetProperty("status").GetString());
        Assert.Equal("b.conf before", await File.ReadAllTextAsync(middlePath));
    }

    private async Task<JsonElement> RowAsync(long id)
    {
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/v1/history?page=1&pageSize=500");
        return page.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == id);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }
}
