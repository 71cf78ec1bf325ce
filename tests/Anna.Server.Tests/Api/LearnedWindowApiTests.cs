using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Anna.Core.Policy;
using Anna.Core.Rollback;
using Anna.Core.Samples;
using Anna.Server.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Api;

/// <summary>
/// GET /api/v1/schedule/learned and POST …/apply on a real host and SQLite store: three weeks of an
/// office's hours, written through the store's own write path and rolled up by it, become a proposal
/// whose application is an undoable policy edit; with learn = true Anna applies it by itself.
/// </summary>
public sealed class LearnedWindowApiTests : IAsyncLifetime
{
    private readonly QuietAppFactory _factory = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private IActionJournal Journal => _factory.Services.GetRequiredService<IActionJournal>();

    /// <summary>Hours of the last three weeks: Mon–Fri 09–17 in the host's zone three people at work and CPUs 60 % busy, else nobody.</summary>
    private async Task RecordOfficeWeeksAsync()
    {
        var store = _factory.Services.GetRequiredService<ISampleStore>();
        var now = DateTimeOffset.UtcNow;
        var batch = new List<Sample>();
        for (var at = SampleRollup.BucketStart(now.AddDays(-21), TimeSpan.FromHours(1)); at < now.AddHours(-1); at = at.AddHours(1))
        {
            var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.Local);
            var office = local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && local.Hour is >= 9 and < 17;
            batch.Add(new(SampleMetric.ActiveSessions, "logind", at.AddMinutes(20), office ? 3 : 0));
            batch.Add(new(SampleMetric.ActiveSessions, "logind", at.AddMinutes(40), office ? 3 : 0));
            batch.Add(new(SampleMetric.CpuBusyPercent, "cpu", at.AddMinutes(20), office ? 60 : 2));
        }
        Assert.Equal(batch.Count, await store.WriteAsync(batch, CancellationToken.None));
        await store.RollUpAndPruneAsync(now, CancellationToken.None);
    }

    [Fact]
    public async Task Without_weeks_of_activity_there_is_no_proposal_and_applying_says_why()
    {
        var learned = await _client.GetFromJsonAsync<JsonElement>("/api/v1/schedule/learned");
        Assert.False(learned.GetProperty("ready").GetBoolean());
        Assert.Equal("No activity recorded yet; a proposal needs 14 days of it.", learned.GetProperty("reason").GetString());

        var apply = await _client.PostAsync("/api/v1/schedule/learned/apply", null);

        Assert.Equal(HttpStatusCode.Conflict, apply.StatusCode);
        var problem = await apply.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("No learned window to apply", problem.GetProperty("title").GetString());
        Assert.Empty(await Journal.UndoableAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_proposal_shows_its_evidence_and_applying_it_is_an_undoable_policy_edit()
    {
        await RecordOfficeWeeksAsync();

        var learned = await _client.GetFromJsonAsync<JsonElement>("/api/v1/schedule/learned");

        Assert.True(learned.GetProperty("ready").GetBoolean(), learned.GetProperty("reason").GetString());
        Assert.False(learned.GetProperty("applied").GetBoolean());
        var proposed = learned.GetProperty("proposed");
        Assert.Equal([9, 10, 11, 12, 13, 14, 15, 16], Ints(proposed.GetProperty("avoidHours")));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 17, 18, 19, 20, 21, 22, 23], Ints(proposed.GetProperty("preferredHours")));
        Assert.Empty(Ints(proposed.GetProperty("avoidDays")));
        var busy = learned.GetProperty("evidence")[0];
        Assert.Equal("busy", busy.GetProperty("kind").GetString());
        Assert.Equal("Mon–Fri 09:00–17:00 busy: 3.0 sessions, 60 % CPU on average (in use 120 of 120 hours seen)", busy.GetProperty("text").GetString());
        Assert.Contains("avoid_hours = [9, 10, 11, 12, 13, 14, 15, 16]", learned.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));

        var apply = await _client.PostAsync("/api/v1/schedule/learned/apply", null);

        Assert.Equal(HttpStatusCode.OK, apply.StatusCode);
        Assert.True((await apply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applied").GetBoolean());
        var schedule = (await _client.GetFromJsonAsync<JsonElement>("/api/v1/policy")).GetProperty("schedule");
        Assert.Equal([9, 10, 11, 12, 13, 14, 15, 16], Ints(schedule.GetProperty("avoidHours")).Order());
        Assert.Empty(Ints(schedule.GetProperty("preferredDays")));
        var record = Assert.Single(await Journal.UndoableAsync(CancellationToken.None));
        Assert.Equal(("edit_policy", "token:tests"), (record.Entry.Action, record.Entry.ApprovedBy));
        Assert.Contains("healing.schedule.avoid_hours", record.Entry.Detail, StringComparison.Ordinal);

        // Applying what is already in force writes nothing and leaves nothing more to undo.
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("/api/v1/schedule/learned/apply", null)).StatusCode);
        Assert.Single(await Journal.UndoableAsync(CancellationToken.None));
    }

    [Fact]
    public async Task With_learn_on_Anna_applies_the_window_itself_as_an_edit_of_its_own_that_can_be_undone()
    {
        await RecordOfficeWeeksAsync();
        var worker = _factory.Services.GetRequiredService<LearnedWindowWorker>();
        var config = _factory.Services.GetRequiredService<IHealingConfig>();
        var before = await File.ReadAllTextAsync(_factory.PolicyPath);

        Assert.Null(await worker.KeepCurrentAsync(CancellationToken.None)); // learn is off: the schedule is the admin's
        Assert.Equal(before, await File.ReadAllTextAsync(_factory.PolicyPath));

        var put = await _client.PutAsJsonAsync("/api/v1/policy", new { schedule = new { learn = true } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var result = await worker.KeepCurrentAsync(CancellationToken.None);

        Assert.Equal(PolicyEditOutcome.Written, result?.Outcome);
        Assert.Equal([9, 10, 11, 12, 13, 14, 15, 16], config.Current.Schedule.AvoidHours.Order());
        Assert.True(config.Current.Schedule.Learn);
        var edits = await Journal.UndoableAsync(CancellationToken.None);
        var learned = Assert.Single(edits, e => e.Entry.ApprovedBy == "anna (healing.schedule.learn)");
        Assert.Contains("healing.schedule.avoid_hours", learned.Entry.Detail, StringComparison.Ordinal);
        // The row says what the edit stands on, not only who made it.
        Assert.Contains("Mon–Fri 09:00–17:00 busy: 3.0 sessions, 60 % CPU on average", learned.Entry.Reason, StringComparison.Ordinal);
        // Once a day, not at every check.
        Assert.Null(await worker.KeepCurrentAsync(CancellationToken.None));

        var undone = await _factory.Services.GetRequiredService<UndoService>().UndoAsync(learned.Id, "dana", force: false, CancellationToken.None);

        Assert.Equal(UndoStatus.Undone, undone.Status);
        Assert.Contains("learn = true", await File.ReadAllTextAsync(_factory.PolicyPath), StringComparison.Ordinal);
        Assert.DoesNotContain("avoid_hours", await File.ReadAllTextAsync(_factory.PolicyPath), StringComparison.Ordinal);
    }

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    /// <summary>No activity sampling of its own: the weeks are the test's.</summary>
    private sealed class QuietAppFactory : NoSystemdAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Anna:Activity:IntervalSeconds", "0");
        }
    }
}
