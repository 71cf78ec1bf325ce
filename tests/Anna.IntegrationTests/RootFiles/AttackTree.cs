using System.Diagnostics;
using System.Security.Cryptography;
using Anna.Core.Linux.FileSystem;

namespace Anna.IntegrationTests.RootFiles;

/// <summary>
/// A log root with a directory the user nobody owns (as /var/log/redis belongs to redis), and a
/// root-only victim file outside it that an attacker would like root to change. The attacker's
/// steps run as the real uid nobody through runuser, with argument lists.
/// </summary>
internal sealed class AttackTree : IDisposable
{
    public const uint Nobody = 65534;
    public const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Mode0640 = Mode0600 | UnixFileMode.GroupRead;
    private const UnixFileMode Mode0755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly DirectoryInfo _base = Directory.CreateTempSubdirectory("anna-attack-");

    public AttackTree()
    {
        // Traversable by nobody, as /var/log is.
        File.SetUnixFileMode(_base.FullName, Mode0755);
        Root = Directory.CreateDirectory(Path.Combine(_base.FullName, "log")).FullName;
        Outside = Directory.CreateDirectory(Path.Combine(_base.FullName, "etc")).FullName;
        Owned = OwnedDirectory(Path.Combine(Root, "app"));
        Victim = Path.Combine(Outside, "app.log");
        File.WriteAllText(Victim, "root:secret:0:0\n");
        File.SetUnixFileMode(Victim, Mode0600);
    }

    public string Root { get; }

    /// <summary>A directory nobody owns and writes, under the log root.</summary>
    public string Owned { get; }

    /// <summary>A root-only directory outside the log root.</summary>
    public string Outside { get; }

    /// <summary>root:root 0600, named like the log, outside the root.</summary>
    public string Victim { get; }

    /// <summary>Content hash, owner, group and mode of the victim, to compare before and after.</summary>
    public string VictimState() => State(Victim);

    public static string State(string path)
    {
        var stat = UnixStat.TryGet(path)!;
        return $"{Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))} {stat.Uid}:{stat.Gid} {Convert.ToString((int)stat.Mode, 8)}";
    }

    public static string OwnedDirectory(string path)
    {
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, Mode0755);
        Chown(path, Nobody);
        return path;
    }

    /// <summary>A log of <paramref name="bytes"/> written by root, then given <paramref name="uid"/> and <paramref name="mode"/>.</summary>
    public static string Log(string path, int bytes, uint uid, UnixFileMode mode)
    {
        File.WriteAllBytes(path, Enumerable.Range(0, bytes).Select(i => (byte)('a' + i % 26)).ToArray());
        File.SetUnixFileMode(path, mode);
        Chown(path, uid);
        return path;
    }

    /// <summary>Runs one program as the user nobody; returns its exit code.</summary>
    public static int AsNobody(params string[] arguments)
    {
        var start = new ProcessStartInfo("runuser") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-u", "nobody", "--", .. arguments])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>As nobody: replaces the directory <paramref name="directory"/> with a link to <paramref name="target"/> (keeping the real one aside).</summary>
    public static void SwapForLink(string directory, string target)
    {
        Assert.Equal(0, AsNobody("mv", directory, directory + ".old"));
        Assert.Equal(0, AsNobody("ln", "-s", target, directory));
    }

    private static void Chown(string path, uint uid)
    {
        var start = new ProcessStartInfo("chown") { ArgumentList = { "-h", $"{uid}:{uid}", path } };
        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    public void Dispose() => _base.Delete(recursive: true);
}
