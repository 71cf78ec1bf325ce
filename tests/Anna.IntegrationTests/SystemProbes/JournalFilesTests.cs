using Anna.Core.Linux.Journal;

namespace Anna.IntegrationTests.SystemProbes;

/// <summary>Listing journal files in real directories laid out as journald lays them out.</summary>
public sealed class JournalFilesTests : IDisposable
{
    private const string MachineId = "0123456789abcdef0123456789abcdef";
    private const string Archived = $"system@fedcba9876543210fedcba9876543210-0000000000000001-0005f1a2b3c4d5e6.journal";

    private readonly DirectoryInfo _base = Directory.CreateTempSubdirectory("anna-journal-");

    public void Dispose() => _base.Delete(recursive: true);

    [Fact]
    public void Only_this_machines_journal_files_are_listed_with_their_blocks_and_links_are_not_followed()
    {
        var machineIdFile = Path.Combine(_base.FullName, "machine-id");
        File.WriteAllText(machineIdFile, MachineId + "\n");
        var persistent = Directory.CreateDirectory(Path.Combine(_base.FullName, "var", MachineId)).FullName;
        var volatileDir = Directory.CreateDirectory(Path.Combine(_base.FullName, "run", MachineId)).FullName;
        var other = Directory.CreateDirectory(Path.Combine(_base.FullName, "var", "ffffffffffffffffffffffffffffffff")).FullName;
        Write(Path.Combine(persistent, "system.journal"), 64 * 1024);
        Write(Path.Combine(persistent, Archived), 128 * 1024);
        Write(Path.Combine(volatileDir, "user-1000.journal"), 8 * 1024);
        Write(Path.Combine(persistent, "notes.txt"), 10);
        Write(Path.Combine(other, Archived), 4096);
        File.CreateSymbolicLink(Path.Combine(persistent, "system@linked.journal"), Path.Combine(other, Archived));

        var files = JournalFiles.List([Path.Combine(_base.FullName, "var"), Path.Combine(_base.FullName, "run")], machineIdFile);

        Assert.Equal(
            [(Path.Combine(volatileDir, "user-1000.journal"), false), (Path.Combine(persistent, "system.journal"), false), (Path.Combine(persistent, Archived), true)],
            files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => (f.Path, f.Archived)));
        Assert.Equal(128 * 1024, files.Single(f => f.Archived).AllocatedBytes);
    }

    [Fact]
    public void Without_a_machine_id_there_is_no_journal_to_list() =>
        Assert.Empty(JournalFiles.List([_base.FullName], Path.Combine(_base.FullName, "no-machine-id")));

    /// <summary>Real blocks, not a sparse file: journald counts what is allocated.</summary>
    private static void Write(string path, int bytes)
    {
        var data = new byte[bytes];
        Random.Shared.NextBytes(data);
        File.WriteAllBytes(path, data);
    }
}
