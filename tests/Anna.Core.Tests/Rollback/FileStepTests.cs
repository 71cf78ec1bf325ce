using Anna.Core.Rollback;

namespace Anna.Core.Tests.Rollback;

public sealed class FileStepTests
{
    private static readonly FileState State = new("/var/log/app.log", true, new string('a', 64), 10, 65534, 4, 0x1A0, 1234);

    [Fact]
    public void File_steps_keep_what_undo_needs_through_the_journal_json()
    {
        var snapshot = new RollbackSnapshot([
            new RestoreFileStep(State, "/var/lib/anna/backups/1/0000-app.log.gz", new string('b', 64), InPlace: true, BackupCompressed: true),
            new RestoreFileStep(State with { Path = "/var/log/app.log.1.gz", Existed = false, Sha256 = null }, null),
            new RevertConfigStep(State with { Path = "/etc/anna/healing.toml" }, "/var/lib/anna/backups/1/0002-healing.toml"),
        ]);

        var json = snapshot.ToJson();

        Assert.Contains("\"kind\":\"restore_file\"", json, StringComparison.Ordinal);
        Assert.Contains("\"in_place\":true", json, StringComparison.Ordinal);
        Assert.Contains("\"backup_compressed\":true", json, StringComparison.Ordinal);
        Assert.Equal(snapshot.Steps, RollbackSnapshot.FromJson(json).Steps);
    }

    [Fact]
    public void A_step_recorded_before_the_new_fields_reads_as_a_plain_replace()
    {
        const string Old = """[{"kind":"restore_file","before":{"path":"/etc/x","existed":true,"sha256":"ab","size":1,"uid":0,"gid":0,"mode":420,"modified_unix_ms":5},"backup_path":"/b/0000-x","after_sha256":null}]""";

        var step = Assert.IsType<RestoreFileStep>(Assert.Single(RollbackSnapshot.FromJson(Old).Steps));

        Assert.False(step.InPlace);
        Assert.False(step.BackupCompressed);
    }

    [Fact]
    public void Descriptions_say_what_undo_does()
    {
        Assert.Equal("restore /var/log/app.log from its backup in place", new RestoreFileStep(State, "/b", InPlace: true).Describe());
        Assert.Equal("restore /var/log/app.log from its backup", new RestoreFileStep(State, "/b").Describe());
        Assert.Equal("remove /var/log/app.log (the action created it)", new RestoreFileStep(State with { Existed = false }, null).Describe());
    }

    [Fact]
    public void Hashes_are_shown_by_their_first_twelve_hex_digits()
    {
        Assert.Equal("e3b0c44298fc", ContentHash.Short(ContentHash.Empty));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ContentHash.Empty);
        using var stream = new MemoryStream("abc"u8.ToArray());
        Assert.Null(ContentHash.OfPrefix(stream, 4));
        stream.Position = 0;
        Assert.Equal(ContentHash.Of(new MemoryStream("ab"u8.ToArray())), ContentHash.OfPrefix(stream, 2));
    }
}
