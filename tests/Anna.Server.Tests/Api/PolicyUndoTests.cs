using Anna.Core.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Rollback;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Api;

/// <summary>
/// A policy edit through PUT /api/v1/policy is an action in the journal of its own, and undo
/// writes the old file back — comments and all — after which the reload puts the old policy in force.
/// </summary>
public sealed class PolicyUndoTests : IAsyncLifetime
{
    private readonly CommentedPolicyAppFactory _factory = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Anna-User", "alice");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private IActionJournal Journal => _factory.Services.GetRequiredService<IActionJournal>();

    private UndoService Undo => _factory.Services.GetRequiredService<UndoService>();

    [Fact]
    public async Task An_edit_is_journaled_with_what_changed_and_who_asked_and_undo_brings_the_file_back()
    {
        var original = await File.ReadAllBytesAsync(_factory.PolicyPath);
        var before = UnixStat.TryGet(_factory.PolicyPath)!;

        await PutOk(new { policy = "autonomous", maxActionsPerSession = 9 });

        var record = Assert.Single(await Journal.UndoableAsync(CancellationToken.None));
        Assert.Equal(("policy_edit", _factory.PolicyPath, "edit_policy", ActionCategory.FilesystemModify, ActionOutcome.Success),
            (record.Entry.IssueKind, record.Entry.Subject, record.Entry.Action, record.Entry.Category, record.Entry.Outcome));
        Assert.Equal("token:tests", record.Entry.ApprovedBy); // X-Anna-User names nobody: the token does
        Assert.Contains("healing.policy: \"supervised\" → \"autonomous\"; healing.max_actions_per_session: 4 → 9", record.Entry.Detail, StringComparison.Ordinal);
        var step = Assert.IsType<RevertConfigStep>(Assert.Single(record.Snapshot.Steps));
        Assert.Equal(original, await File.ReadAllBytesAsync(step.BackupPath));
        Assert.Equal(ContentHash.Of(File.OpenRead(_factory.PolicyPath)), step.AfterSha256);

        var result = await Undo.UndoAsync(record.Id, "bob", force: false, CancellationToken.None);

        Assert.Equal(UndoStatus.Undone, result.Status);
        Assert.Equal(original, await File.ReadAllBytesAsync(_factory.PolicyPath));
        var now = UnixStat.TryGet(_factory.PolicyPath)!;
        Assert.Equal((before.Uid, before.Gid, before.Mode, before.ModifiedAt.ToUnixTimeMilliseconds()),
            (now.Uid, now.Gid, now.Mode, now.ModifiedAt.ToUnixTimeMilliseconds()));
        await ConfigWhenAsync(c => c.GetProperty("healing").GetProperty("policy").GetString() == "supervised"
            && c.GetProperty("healing").GetProperty("maxActionsPerSession").GetInt32() == 4);
        Assert.Equal([_factory.PolicyPath], Directory.GetFiles(Path.GetDirectoryName(_factory.PolicyPath)!));
        Assert.Equal(UndoState.Undone, (await Journal.GetAsync(record.Id, CancellationToken.None))!.UndoState);
    }

    [Fact]
    public async Task A_file_edited_by_hand_since_is_drift_and_force_reverts_it_all_the_same()
    {
        var original = await File.ReadAllTextAsync(_factory.PolicyPath);
        await PutOk(new { policy = "manual" });
        var record = Assert.Single(await Journal.UndoableAsync(CancellationToken.None));
        var edited = (await File.ReadAllTextAsync(_factory.PolicyPath)) + "# a note added by hand\n";
        await File.WriteAllTextAsync(_factory.PolicyPath, edited);

        var refused = await Undo.UndoAsync(record.Id, "bob", force: false, CancellationToken.None);

        Assert.Equal(UndoStatus.Drifted, refused.Status);
        Assert.Equal(_factory.PolicyPath, Assert.Single(refused.Drifts).Subject);
        Assert.Equal(edited, await File.ReadAllTextAsync(_factory.PolicyPath));

        var forced = await Undo.UndoAsync(record.Id, "bob", force: true, CancellationToken.None);

        Assert.Equal(UndoStatus.Undone, forced.Status);
        Assert.Equal(original, await File.ReadAllTextAsync(_factory.PolicyPath));
        await ConfigWhenAsync(c => c.GetProperty("healing").GetProperty("policy").GetString() == "supervised");
    }

    [Fact]
    public async Task Two_edits_undone_newest_first_leave_the_first_file()
    {
        var original = await File.ReadAllTextAsync(_factory.PolicyPath);
        await PutOk(new { policy = "manual" });
        await PutOk(new { rollback = new { historySize = 20 } });
        Assert.Equal(2, (await Journal.UndoableAsync(CancellationToken.None)).Count);

        var results = await Undo.UndoLastAsync(2, "bob", force: false, CancellationToken.None);

        Assert.All(results, r => Assert.Equal(UndoStatus.Undone, r.Status));
        Assert.Equal(original, await File.ReadAllTextAsync(_factory.PolicyPath));
    }

    [Fact]
    public async Task A_put_that_changes_nothing_journals_nothing()
    {
        await PutOk(new { policy = "supervised" });

        Assert.Empty(await Journal.UndoableAsync(CancellationToken.None));
        Assert.Equal(CommentedPolicyAppFactory.Policy, await File.ReadAllTextAsync(_factory.PolicyPath));
    }

    [Fact]
    public async Task A_rejected_edit_journals_nothing()
    {
        var response = await _client.PutAsJsonAsync("/api/v1/policy", new { maxActionsPerSession = -1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await Journal.UndoableAsync(CancellationToken.None));
    }

    private async Task PutOk(object body)
    {
        var response = await _client.PutAsJsonAsync("/api/v1/policy", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task ConfigWhenAsync(Func<JsonElement, bool> holds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var config = await _client.GetFromJsonAsync<JsonElement>("/api/v1/config");
            if (holds(config))
                return;
            Assert.True(DateTime.UtcNow < deadline, $"config never reached the expected state; last: {config}");
            await Task.Delay(50);
        }
    }
}
