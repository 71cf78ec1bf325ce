using Anna.Core.History;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Anna.Core.Rollback;
using Anna.Core.Vocabulary;
using Anna.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Rollback;

/// <summary>
/// What undo keeps on disk, measured for health on every call: a measurement stands while the journal
/// is unchanged and for at most <see cref="KeptFilesUsage.MaxAge"/>; any journal write, or the age,
/// makes the next call measure the files again.
/// </summary>
public sealed class KeptFilesUsageTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("anna-kept-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryActionJournal _journal = new(new InMemoryHistoryStore());

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Every_journal_write_makes_the_next_call_measure_again()
    {
        var usage = new KeptFilesUsage(_journal, time: _time);
        var first = await BackUpAsync("a.log", 8192);
        Assert.Equal([first], Assert.Single(await usage.MeasureAsync(None)).Actions);

        var second = await BackUpAsync("b.log", 8192);

        Assert.Equal([first, second], Assert.Single(await usage.MeasureAsync(None)).Actions.Order());
        await _journal.SetUndoStateAsync(second, UndoState.Undone, "undone", None);
        await _journal.SetUndoStateAsync(first, UndoState.Expired, "expired", None);
        Assert.Empty(await usage.MeasureAsync(None));
    }

    [Fact]
    public async Task A_file_deleted_behind_Annas_back_is_seen_once_the_measurement_is_old()
    {
        var usage = new KeptFilesUsage(_journal, time: _time);
        await BackUpAsync("a.log", 8192);
        Assert.Single(await usage.MeasureAsync(None));
        File.Delete(Path.Combine(_directory.FullName, "a.log"));

        Assert.Single(await usage.MeasureAsync(None));
        _time.Advance(KeptFilesUsage.MaxAge);

        Assert.Empty(await usage.MeasureAsync(None));
    }

    [Fact]
    public async Task A_clock_set_back_measures_again()
    {
        var clock = new Fakes.JumpingClock(_time.GetUtcNow());
        var usage = new KeptFilesUsage(_journal, time: clock);
        await BackUpAsync("a.log", 8192);
        Assert.Single(await usage.MeasureAsync(None));
        File.Delete(Path.Combine(_directory.FullName, "a.log"));

        clock.Now = clock.Now.AddHours(-1);

        Assert.Empty(await usage.MeasureAsync(None));
    }

    /// <summary>An undoable action whose snapshot keeps a backup file of this size.</summary>
    private async Task<long> BackUpAsync(string name, int bytes)
    {
        var backup = Path.Combine(_directory.FullName, name);
        await File.WriteAllBytesAsync(backup, new byte[bytes]);
        var intent = new HistoryEntry
        {
            IssueKind = "log_growth", Subject = backup, Action = "rotate_logs", Category = ActionCategory.LogRotation,
            Risk = ActionRisk.Safe, Policy = HealingPolicy.Supervised, Decision = DecisionKind.Execute,
            Consent = ConsentLevel.Implied, Reason = "test", Outcome = ActionOutcome.InProgress, StartedAt = _time.GetUtcNow(),
        };
        var id = await _journal.BeginAsync(intent, RollbackRig.Issue(), None);
        var snapshot = new RollbackSnapshot([new RestoreFileStep(new FileState(backup, true, "ab", bytes, 0, 0, 420, 0), backup)]);
        await _journal.FinishAsync(id, intent with { Outcome = ActionOutcome.Success }, snapshot, UndoState.Undoable, _time.GetUtcNow().AddHours(1), null, None);
        return id;
    }
}
