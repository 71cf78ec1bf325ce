using System.Security.Cryptography;
using Anna.IntegrationTests.SystemProbes;

namespace Anna.IntegrationTests.Rollback;

/// <summary>
/// A tree of real files in a fresh directory, each with its own owner, mode and a modification
/// time with sub-millisecond digits, so that undo has to give back more than content.
/// </summary>
internal sealed class FileTree : IDisposable
{
    private static readonly (uint Uid, uint Gid)[] Owners = [(0, 0), (65534, 65534), (1, 4), (33, 0)];
    private static readonly UnixFileMode[] Modes = [(UnixFileMode)0b110_100_100, (UnixFileMode)0b110_000_000, (UnixFileMode)0b111_101_101, (UnixFileMode)0b110_100_000, (UnixFileMode)0b100_000_000];

    private readonly List<string> _files = [];

    private FileTree(string root) => Root = root;

    public string Root { get; }

    public IReadOnlyList<string> Files => _files;

    /// <param name="parent">Where the tree's directory is made (the temp directory, a tmpfs, …).</param>
    public static FileTree Create(string parent, int count = 12, int bytes = 32 * 1024)
    {
        var tree = new FileTree(Directory.CreateDirectory(Path.Combine(parent, $"tree-{Guid.NewGuid():N}")).FullName);
        for (var i = 0; i < count; i++)
            tree.Add($"{(i % 3 == 0 ? "" : $"d{i % 3}/")}{(i % 4 == 1 ? "deep/er/" : "")}file{i}.bin", bytes + i * 111, i);
        return tree;
    }

    /// <summary>Adds a file with random content; <paramref name="variant"/> picks its owner, mode and mtime.</summary>
    public string Add(string relative, int bytes, int variant)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(bytes));
        var (uid, gid) = Owners[variant % Owners.Length];
        LibcForTests.Change(path, uid, gid);
        File.SetUnixFileMode(path, Modes[variant % Modes.Length]);
        // 2024-…, plus 1234567 ticks: the last digits are below a millisecond.
        File.SetLastWriteTimeUtc(path, new DateTime(2024, 3, 1 + variant % 27, 12, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567 + variant));
        _files.Add(path);
        return path;
    }

    public IReadOnlyDictionary<string, FileFacts> Facts() => _files.ToDictionary(f => f, FileFacts.Of);

    /// <summary>Asserts every file is back exactly as <paramref name="before"/> recorded it.</summary>
    public static void AssertSame(IReadOnlyDictionary<string, FileFacts> before)
    {
        foreach (var (path, facts) in before)
            Assert.Equal((path, facts), (path, FileFacts.Of(path)));
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
