using Anna.Core.Linux.Processes;

namespace Anna.IntegrationTests.SystemProbes;

/// <summary>
/// A small real tmpfs mounted on a fresh temp directory (needs root), unmounted and removed on
/// dispose — also when the test failed.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private static readonly ProcessRunner Runner = new();

    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    /// <param name="at">An empty directory to mount on; a fresh temp directory when null.</param>
    public static async Task<TmpfsMount> CreateAsync(string options, string? at = null)
    {
        if (Environment.UserName != "root")
            throw new InvalidOperationException("these tests mount a tmpfs and must run as root");
        var directory = at ?? Directory.CreateTempSubdirectory("anna-tmpfs-").FullName;
        var result = await Runner.RunAsync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", directory], TimeSpan.FromSeconds(30), CancellationToken.None);
        if (!result.Succeeded)
        {
            Directory.Delete(directory);
            throw new InvalidOperationException($"mount -t tmpfs failed: {result.Excerpt()}");
        }
        return new TmpfsMount(directory);
    }

    /// <summary>Writes <paramref name="bytes"/> of data into a new file on the tmpfs and flushes it.</summary>
    public void Fill(string name, long bytes)
    {
        using var file = new FileStream(System.IO.Path.Combine(Path, name), FileMode.CreateNew, FileAccess.Write);
        var block = new byte[64 * 1024];
        Random.Shared.NextBytes(block);
        for (var written = 0L; written < bytes; written += block.Length)
            file.Write(block, 0, (int)Math.Min(block.Length, bytes - written));
        file.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        var result = Runner.RunAsync("umount", [Path], TimeSpan.FromSeconds(30), CancellationToken.None).GetAwaiter().GetResult();
        if (!result.Succeeded)
            Runner.RunAsync("umount", ["-l", Path], TimeSpan.FromSeconds(30), CancellationToken.None).GetAwaiter().GetResult();
        Directory.Delete(Path);
    }
}
