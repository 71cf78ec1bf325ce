using System.Text.Json;
using Anna.Core.Issues;
using Microsoft.Data.Sqlite;
using static Anna.Server.Tests.Persistence.HistoryEntries;

namespace Anna.Server.Tests.Persistence;

public sealed class IssueRecordingTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static Issue Failed(string unit, DateTimeOffset seen, string result = "exit-code") => new(
        IssueKind.FailedService,
        unit,
        IssueSeverity.Warning,
        $"{unit} failed",
        new Dictionary<string, string> { ["ActiveState"] = "failed", ["Result"] = result },
        seen,
        seen);

    private sealed record IssueRowView(
        long Id, string Kind, string Subject, string Key, string Severity, string Summary,
        Dictionary<string, string> Evidence, long FirstSeen, long LastSeen, long? ResolvedAt);

    private static List<IssueRowView> Rows(TempStore temp)
    {
        using var connection = temp.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT id, kind, subject, key, severity, summary, evidence, first_seen, last_seen, resolved_at FROM issues ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<IssueRowView>();
        while (reader.Read())
        {
            rows.Add(new IssueRowView(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(6))!,
                reader.GetInt64(7), reader.GetInt64(8), reader.IsDBNull(9) ? null : reader.GetInt64(9)));
        }
        return rows;
    }

    [Fact]
    public async Task First_record_inserts_an_open_row()
    {
        await using var temp = await TempStore.CreateAsync();

        await temp.Store.RecordIssueAsync(Failed("nginx.service", T0), None);

        var row = Assert.Single(Rows(temp));
        Assert.Equal("failed_service", row.Kind);
        Assert.Equal("nginx.service", row.Subject);
        Assert.Equal("failed_service:nginx.service", row.Key);
        Assert.Equal("warning", row.Severity);
        Assert.Equal("nginx.service failed", row.Summary);
        Assert.Equal("exit-code", row.Evidence["Result"]);
        Assert.Equal(T0.ToUnixTimeMilliseconds(), row.FirstSeen);
        Assert.Equal(T0.ToUnixTimeMilliseconds(), row.LastSeen);
        Assert.Null(row.ResolvedAt);
    }

    [Fact]
    public async Task Recording_again_refreshes_the_open_row()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.RecordIssueAsync(Failed("nginx.service", T0), None);

        var later = T0.AddMinutes(5);
        await temp.Store.RecordIssueAsync(Failed("nginx.service", later, result: "signal"), None);

        var row = Assert.Single(Rows(temp));
        Assert.Equal(T0.ToUnixTimeMilliseconds(), row.FirstSeen);
        Assert.Equal(later.ToUnixTimeMilliseconds(), row.LastSeen);
        Assert.Equal("signal", row.Evidence["Result"]);
    }

    [Fact]
    public async Task A_late_report_does_not_move_last_seen_back()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.RecordIssueAsync(Failed("nginx.service", T0.AddMinutes(5)), None);

        await temp.Store.RecordIssueAsync(Failed("nginx.service", T0), None);

        Assert.Equal(T0.AddMinutes(5).ToUnixTimeMilliseconds(), Assert.Single(Rows(temp)).LastSeen);
    }

    [Fact]
    public async Task Different_subjects_are_different_issues()
    {
        await using var temp = await TempStore.CreateAsync();

        await temp.Store.RecordIssueAsync(Failed("a.service", T0), None);
        await temp.Store.RecordIssueAsync(Failed("b.service", T0), None);

        Assert.Equal(["a.service", "b.service"], Rows(temp).Select(r => r.Subject));
    }

    [Fact]
    public async Task Resolve_closes_the_open_row_and_a_recurrence_opens_a_new_one()
    {
        await using var temp = await TempStore.CreateAsync();
        var key = Failed("nginx.service", T0).Key;
        await temp.Store.RecordIssueAsync(Failed("nginx.service", T0), None);

        await temp.Store.ResolveIssueAsync(key, T0.AddMinutes(1), None);
        await temp.Store.RecordIssueAsync(Failed("nginx.service", T0.AddMinutes(10)), None);

        var rows = Rows(temp);
        Assert.Equal(2, rows.Count);
        Assert.Equal(T0.AddMinutes(1).ToUnixTimeMilliseconds(), rows[0].ResolvedAt);
        Assert.Equal(T0.ToUnixTimeMilliseconds(), rows[0].LastSeen);
        Assert.Null(rows[1].ResolvedAt);
        Assert.Equal(T0.AddMinutes(10).ToUnixTimeMilliseconds(), rows[1].FirstSeen);
    }

    [Fact]
    public async Task Resolving_an_issue_that_is_not_open_changes_nothing()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.RecordIssueAsync(Failed("nginx.service", T0), None);
        await temp.Store.ResolveIssueAsync("failed_service:nginx.service", T0.AddMinutes(1), None);

        await temp.Store.ResolveIssueAsync("failed_service:nginx.service", T0.AddMinutes(2), None);
        await temp.Store.ResolveIssueAsync("failed_service:other.service", T0.AddMinutes(2), None);

        Assert.Equal(T0.AddMinutes(1).ToUnixTimeMilliseconds(), Assert.Single(Rows(temp)).ResolvedAt);
    }

    [Fact]
    public async Task Concurrent_records_of_one_issue_leave_one_open_row()
    {
        await using var temp = await TempStore.CreateAsync();

        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 20)
            .Select(i => Task.Run(async () =>
            {
                start.Wait();
                await temp.Store.RecordIssueAsync(Failed("nginx.service", T0.AddSeconds(i)), None);
            }))
            .ToArray();
        start.Set();
        await Task.WhenAll(tasks);

        var row = Assert.Single(Rows(temp));
        Assert.Equal(T0.AddSeconds(19).ToUnixTimeMilliseconds(), row.LastSeen);
    }

    [Fact]
    public async Task The_file_itself_refuses_a_second_open_row_per_key()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.RecordIssueAsync(Failed("nginx.service", T0), None);

        using var connection = temp.OpenRaw();
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO issues (kind, subject, "key", severity, summary, evidence, first_seen, last_seen)
            VALUES ('failed_service', 'nginx.service', 'failed_service:nginx.service', 'warning', 's', '{}', 0, 0)
            """;
        var error = Assert.Throws<SqliteException>(() => insert.ExecuteNonQuery());
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
    }
}
