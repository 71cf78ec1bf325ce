using Anna.Core.Linux.FileSystem;

namespace Anna.IntegrationTests.RootFiles;

/// <summary>
/// Issue 17 items 1, 3, 4 and 5: a user who owns a directory under a log path acts at the exact
/// moment of a rotation (through the rotation recorder) as the real uid nobody; root's rotation
/// must leave the victim file — content, owner, mode — as it was.
/// </summary>
public sealed class RotationAttackTests : IDisposable
{
    private const long Limit = 1024;
    private readonly AttackTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private Task<RotationOutcome> RotateAsync(string log, IRotationRecorder recorder) =>
        LogRotator.RotateAsync(log, [_tree.Root], Limit, recorder, CancellationToken.None);

    [Fact]
    public async Task A_temp_copy_swapped_for_a_link_to_a_root_file_does_not_hand_over_chmod()
    {
        var log = AttackTree.Log(Path.Combine(_tree.Owned, "app.log"), 64 << 10, AttackTree.Nobody, (UnixFileMode)0b110_110_110);
        var temporary = Path.Combine(_tree.Owned, ".app.log.anna-rotate");
        var victim = _tree.VictimState();

        var outcome = await RotateAsync(log, new AttackingRecorder
        {
            OnEmptied = () =>
            {
                Assert.Equal(0, AttackTree.AsNobody("rm", "-f", temporary));
                Assert.Equal(0, AttackTree.AsNobody("ln", "-s", _tree.Victim, temporary));
            },
        });

        Assert.Equal(victim, _tree.VictimState());
        Assert.Contains("was replaced by someone else", outcome.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(log + ".1.gz"), "nothing is renamed into place when the copy is not the one written");
    }

    [Fact]
    public async Task The_temp_copy_of_a_protected_log_is_root_only_from_its_first_byte()
    {
        var log = AttackTree.Log(Path.Combine(_tree.Owned, "auth.log"), 64 << 10, 0, AttackTree.Mode0640);
        var temporary = Path.Combine(_tree.Owned, ".auth.log.anna-rotate");
        UnixStat? seen = null;
        var readByNobody = -1;

        var outcome = await RotateAsync(log, new AttackingRecorder
        {
            OnReading = () =>
            {
                seen = UnixStat.TryGet(temporary);
                readByNobody = AttackTree.AsNobody("cat", temporary);
            },
        });

        Assert.Null(outcome.Error);
        Assert.Equal((0u, AttackTree.Mode0600), (seen!.Uid, seen.Mode));
        Assert.NotEqual(0, readByNobody);
        Assert.Equal(AttackTree.Mode0640, UnixStat.TryGet(log + ".1.gz")!.Mode);
    }

    [Fact]
    public async Task A_directory_swapped_for_a_link_during_rotation_does_not_move_where_root_empties()
    {
        var middle = AttackTree.OwnedDirectory(Path.Combine(_tree.Owned, "inner"));
        var log = AttackTree.Log(Path.Combine(middle, "app.log"), 64 << 10, AttackTree.Nobody, AttackTree.Mode0640);
        var victim = _tree.VictimState();

        var outcome = await RotateAsync(log, new AttackingRecorder { OnCopiesChanging = () => AttackTree.SwapForLink(middle, _tree.Outside) });

        Assert.Equal(victim, _tree.VictimState());
        Assert.Equal([_tree.Victim], Directory.GetFiles(_tree.Outside));
        // Root went on in the directory it checked, now named inner.old.
        Assert.Null(outcome.Error);
        Assert.Equal(0, new FileInfo(Path.Combine(middle + ".old", "app.log")).Length);
        Assert.True(File.Exists(Path.Combine(middle + ".old", "app.log.1.gz")));
    }

    [Fact]
    public async Task A_directory_swapped_for_a_link_after_planning_is_refused()
    {
        var middle = AttackTree.OwnedDirectory(Path.Combine(_tree.Owned, "inner"));
        var log = AttackTree.Log(Path.Combine(middle, "app.log"), 64 << 10, AttackTree.Nobody, AttackTree.Mode0640);
        Assert.Null(LogRotator.Plan(log, [_tree.Root], Limit).Refused);
        AttackTree.SwapForLink(middle, _tree.Outside);
        var victim = _tree.VictimState();

        var outcome = await RotateAsync(log, new AttackingRecorder());

        Assert.Equal(victim, _tree.VictimState());
        Assert.Contains("symbolic link", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hard_link_to_a_root_file_is_refused()
    {
        // What any user can do where fs.protected_hardlinks=0; made here by root.
        File.WriteAllBytes(_tree.Victim, new byte[64 << 10]);
        File.SetUnixFileMode(_tree.Victim, AttackTree.Mode0600);
        var log = Path.Combine(_tree.Owned, "big.log");
        Assert.True(UnixLinks.TryHardLink(_tree.Victim, log));
        var victim = _tree.VictimState();

        var outcome = await RotateAsync(log, new AttackingRecorder());

        Assert.Equal(victim, _tree.VictimState());
        Assert.Contains("has 2 hard links", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_whose_owner_could_not_have_put_it_there_is_refused()
    {
        // uid 1 (daemon) cannot write nobody's directory: someone else put its file there.
        var log = AttackTree.Log(Path.Combine(_tree.Owned, "daemon.log"), 64 << 10, 1, AttackTree.Mode0600);
        var before = AttackTree.State(log);

        var outcome = await RotateAsync(log, new AttackingRecorder());

        Assert.Equal(before, AttackTree.State(log));
        Assert.Contains("who cannot write its directory", outcome.Error, StringComparison.Ordinal);
    }
}
