using Anna.Core.Linux.Journal;

namespace Anna.Core.Tests.Linux.Journal;

public sealed class JournalVacuumSelectionTests
{
    private const string Dir = "/var/log/journal/0123456789abcdef0123456789abcdef";
    private const string SeqnumId = "fedcba9876543210fedcba9876543210";
    private const long Mb = 1 << 20;

    private static JournalFile Archived(string prefix, ulong seqnum, ulong realtime, long mb) =>
        JournalFile.FromName($"{Dir}/{prefix}@{SeqnumId}-{seqnum:x16}-{realtime:x16}.journal", mb * Mb);

    private static JournalFile Active(string name, long mb) => JournalFile.FromName($"{Dir}/{name}", mb * Mb);

    [Fact]
    public void Archived_names_are_read_as_journald_writes_them()
    {
        var file = JournalFile.FromName($"{Dir}/system@{SeqnumId}-0000000000000001-0005f1a2b3c4d5e6.journal", 8 * Mb);

        Assert.True(file.Archived);
        Assert.Equal(0x0005f1a2b3c4d5e6UL, file.HeadRealtime);
        Assert.Equal(1UL, file.HeadSeqnum);
        var corrupt = JournalFile.FromName($"{Dir}/user-1000@0005f1a2b3c4d5e6-a1b2c3d4e5f60718.journal~", Mb);
        Assert.True(corrupt.Archived);
        Assert.Equal(0x0005f1a2b3c4d5e6UL, corrupt.HeadRealtime);
    }

    [Theory]
    [InlineData("system.journal")]
    [InlineData("user-1000.journal")]
    [InlineData("system@notreally.journal")]
    [InlineData("system@fedcba9876543210fedcba9876543210-000000000000000g-0005f1a2b3c4d5e6.journal")]
    [InlineData("system@fedcba9876543210fedcba9876543210_0000000000000001-0005f1a2b3c4d5e6.journal")]
    [InlineData("system@fedcba9876543210fedcba9876543210-0000000000000001-0005f1a2b3c4d5e6.journal.gz")]
    [InlineData("system@0005f1a2b3c4d5e6-a1b2c3d4e5f60718.journal")]
    public void Active_or_unknown_names_are_never_archived(string name) =>
        Assert.False(JournalFile.FromName($"{Dir}/{name}", Mb).Archived);

    [Fact]
    public void Oldest_archived_files_go_first_until_the_journal_is_within_target()
    {
        var files = new[]
        {
            Active("system.journal", 64),
            Archived("system", 300, 3000, 100),
            Archived("user-1000", 100, 1000, 100),
            Archived("system", 200, 2000, 100),
            Active("user-1000.journal", 8),
        };

        var plan = JournalVacuumSelection.Select(files, 200 * Mb);

        Assert.Equal([files[2], files[3]], plan.Selected);
        Assert.Equal(372 * Mb, plan.UsageBytes);
        Assert.Equal(172 * Mb, plan.RemainingBytes);
        Assert.Equal(200 * Mb, plan.SelectedBytes);
        Assert.True(plan.ReachesTarget);
    }

    [Fact]
    public void A_journal_within_target_loses_nothing()
    {
        var plan = JournalVacuumSelection.Select([Active("system.journal", 64), Archived("system", 1, 1, 10)], 74 * Mb);

        Assert.Empty(plan.Selected);
        Assert.True(plan.ReachesTarget);
    }

    [Fact]
    public void When_only_active_files_would_be_left_everything_archived_goes_and_the_target_is_not_reached()
    {
        var files = new[] { Active("system.journal", 500), Archived("system", 1, 1, 10), Archived("system", 2, 2, 10) };

        var plan = JournalVacuumSelection.Select(files, 100 * Mb);

        Assert.Equal([files[1], files[2]], plan.Selected);
        Assert.Equal(500 * Mb, plan.RemainingBytes);
        Assert.False(plan.ReachesTarget);
    }

    [Fact]
    public void Same_time_is_ordered_by_sequence_number_then_path()
    {
        var files = new[] { Archived("b", 2, 5, 1), Archived("a", 2, 5, 1), Archived("c", 1, 5, 1) };

        var plan = JournalVacuumSelection.Select(files, 0);

        Assert.Equal([files[2], files[1], files[0]], plan.Selected);
    }
}
