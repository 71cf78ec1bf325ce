using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Anna.Core.History;
using Anna.Core.Insights;
using Anna.Core.Issues;
using Anna.Core.Samples;
using Anna.Core.Vocabulary;
using Anna.Server.Persistence;
using Anna.Server.Security;
using Anna.Server.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Anna.Server.Tests.Persistence.HistoryEntries;

namespace Anna.Server.Tests.Api;

/// <summary>GET /api/v1/insights reads the history, the issue occurrences and the sample store of a real Anna.</summary>
public sealed class InsightsApiTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly NoSystemdAppFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_viewer_reads_counts_the_success_line_and_root_causes_that_name_their_rows()
    {
        using var viewer = Callers.WithRole(_factory, AnnaRole.Viewer);
        var history = _factory.Services.GetRequiredService<IHistoryStore>();
        var now = DateTimeOffset.UtcNow;
        // nginx.service was OOM-killed 4 times at MemoryMax=512M; each time a restart ran.
        var evidence = new Dictionary<string, string>
        {
            ["result"] = "oom-kill", ["exit_status"] = "9", ["oom_killed"] = "true", ["memory_max_bytes"] = (512L * 1024 * 1024).ToString(),
        };
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var at = now.AddDays(-4 + i);
            var issue = new Issue(IssueKind.FailedService, "nginx.service", IssueSeverity.Warning, "nginx.service failed (oom-kill)", evidence, at, at);
            await history.RecordIssueAsync(issue, None);
            await history.ResolveIssueAsync(issue.Key, at.AddMinutes(1), None);
            ids.Add(await history.AppendAsync(Restart(at, i == 3 ? ActionOutcome.Failed : ActionOutcome.Success, durationMs: 200 * (i + 1)), None));
        }
        // Long ago: outside the period.
        await history.AppendAsync(Restart(now.AddDays(-40), ActionOutcome.Failed), None);
        // /var grew by 2 GiB over the last hours.
        var samples = _factory.Services.GetRequiredService<ISampleStore>();
        await samples.WriteAsync([.. Enumerable.Range(0, 5).Select(h => new Sample(SampleMetric.DiskUsedBytes, "/var", now.AddHours(-5 + h), 10e9 + h * 512.0 * 1024 * 1024))], None);

        var response = await viewer.GetAsync("/api/v1/insights?days=30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var insights = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Success Rate: 75% (3/4 auto-heal attempts)", insights.GetProperty("successLine").GetString());
        Assert.Equal(30, insights.GetProperty("days").GetInt32());
        Assert.Contains("Anna:Metrics:ManualFixMinutes", insights.GetProperty("timeSavedAssumption").GetString());
        Assert.Equal(3 * 10.0, insights.GetProperty("timeSavedMinutes").GetDouble()); // the default 10 min per automatic fix
        var common = insights.GetProperty("commonIssues")[0];
        Assert.Equal(("failed_service", 4, 4, 500.0), (common.GetProperty("issueKind").GetString(), common.GetProperty("occurrences").GetInt32(),
            common.GetProperty("attempts").GetInt32(), common.GetProperty("averageDurationMs").GetDouble()));
        var causes = insights.GetProperty("rootCauses").EnumerateArray().ToDictionary(c => c.GetProperty("kind").GetString()!);
        var oom = causes["oom_kill"];
        Assert.Equal("systemctl set-property nginx.service MemoryMax=1024M", oom.GetProperty("command").GetString());
        Assert.Equal(ids, oom.GetProperty("historyIds").EnumerateArray().Select(i => i.GetInt64()));
        Assert.Equal(4, oom.GetProperty("issueIds").GetArrayLength());
        var disk = causes["disk_filling"];
        Assert.Equal("/var", disk.GetProperty("subject").GetString());
        // The default policy already cleans caches and rotates logs on its own: what is left is finding the grower.
        Assert.Equal("du -xh --max-depth=2 /var", disk.GetProperty("command").GetString());
        Assert.Contains("grew by 2", disk.GetProperty("finding").GetString());
    }

    [Fact]
    public async Task Counts_are_over_every_action_and_occurrence_of_the_period_when_root_causes_read_only_the_newest()
    {
        using var viewer = Callers.WithRole(_factory, AnnaRole.Viewer);
        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<AnnaDbContext>>();
        var now = DateTimeOffset.UtcNow;
        // 10,500 restarts over the last 20 days, more than a report reads: one in ten failed, one in four approved.
        const int actions = InsightsRead.MaxEntries + 500;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.ActionHistory.AddRange(Enumerable.Range(0, actions).Select(i => HistoryMapping.ToRow(
                Restart(now.AddDays(-20).AddMinutes(2.5 * i), i % 10 == 0 ? ActionOutcome.Failed : ActionOutcome.Success, durationMs: i % 2 == 0 ? 100 : 300)
                    with { ApprovedBy = i % 4 == 0 ? "alice" : null })));
            // As many failures of units, each an occurrence resolved by its restart; and one from before the period.
            db.Issues.AddRange(Enumerable.Range(0, actions + 1).Select(i =>
            {
                var seen = i == actions ? now.AddDays(-40) : now.AddDays(-20).AddMinutes(2.5 * i);
                return new IssueRow
                {
                    Kind = IssueKind.FailedService, Subject = $"app{i % 40}.service", Key = $"failed_service:app{i % 40}.service", Severity = IssueSeverity.Warning,
                    Summary = "failed", Evidence = """{"exit_status":"1","result":"exit-code"}""", FirstSeen = seen, LastSeen = seen, ResolvedAt = seen.AddSeconds(1),
                };
            }));
            await db.SaveChangesAsync();
        }

        var insights = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/insights?days=30");

        var successes = Enumerable.Range(0, actions).Count(i => i % 10 != 0);
        Assert.Equal($"Success Rate: 90% ({successes}/{actions} auto-heal attempts)", insights.GetProperty("successLine").GetString());
        Assert.Equal(Enumerable.Range(0, actions).Count(i => i % 10 != 0 && i % 4 != 0), insights.GetProperty("automaticSuccesses").GetInt32());
        var common = insights.GetProperty("commonIssues")[0];
        Assert.Equal((actions, actions, 200.0), (common.GetProperty("occurrences").GetInt32(), common.GetProperty("attempts").GetInt32(),
            common.GetProperty("averageDurationMs").GetDouble()));
        Assert.Equal((InsightsRead.MaxEntries, (long)actions), (insights.GetProperty("actionsRead").GetInt32(), insights.GetProperty("actionsInPeriod").GetInt64()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("366")]
    [InlineData("ten")]
    [InlineData("-3")]
    public async Task A_period_out_of_range_is_refused_naming_days(string days)
    {
        using var viewer = Callers.WithRole(_factory, AnnaRole.Viewer);

        var response = await viewer.GetAsync($"/api/v1/insights?days={days}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("days", out _));
    }

    [Fact]
    public async Task Without_a_days_query_the_last_30_days_are_read_and_nobody_unknown_may_read_them()
    {
        using var viewer = Callers.WithRole(_factory, AnnaRole.Viewer);
        using var anonymous = Callers.Anonymous(_factory);

        var insights = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/insights");

        Assert.Equal(30, insights.GetProperty("days").GetInt32());
        Assert.Equal("Success Rate: no auto-heal attempts in this period", insights.GetProperty("successLine").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/insights")).StatusCode);
    }
}
