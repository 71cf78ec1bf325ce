using Anna.Testing;
using System.Security.Cryptography;
using System.Text;

namespace Anna.IntegrationTests.SystemProbes;

/// <summary>A real temporary log directory (the root Anna may work in) and a directory outside it.</summary>
internal sealed class LogTree : IDisposable
{
    private readonly DirectoryInfo _base = ListableTempDirectory.Create("anna-logs-");

    public LogTree()
    {
        Root = Directory.CreateDirectory(Path.Combine(_base.FullName, "log")).FullName;
        Outside = Directory.CreateDirectory(Path.Combine(_base.FullName, "elsewhere")).FullName;
    }

    public string Root { get; }

    public string Outside { get; }

    /// <summary>A text file of about <paramref name="bytes"/> that compresses well, like a real log.</summary>
    public string Write(string relative, long bytes, string? under = null)
    {
        var path = Path.Combine(under ?? Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path, append: false, Encoding.UTF8);
        for (var line = 0L; writer.BaseStream.Position < bytes; line++)
            writer.Write($"2026-11-28T06:00:{line % 60:00} host app[{line % 977}]: request {line} served in {line % 313} ms\n");
        return path;
    }

    /// <summary>Size and SHA-256 of every file under the base, links listed as links.</summary>
    public IReadOnlyDictionary<string, string> Snapshot() =>
        Directory.EnumerateFileSystemEntries(_base.FullName, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(p => p, p => new FileInfo(p) switch
            {
                { LinkTarget: { } target } => $"link -> {target}",
                { Attributes: var a } when (a & FileAttributes.Directory) != 0 => "dir",
                var f => $"{f.Length} {Hash(p)}",
            });

    public static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    public void Dispose() => _base.Delete(recursive: true);
}
