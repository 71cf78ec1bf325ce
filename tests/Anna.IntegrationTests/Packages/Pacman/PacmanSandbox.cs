using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Anna.Core.Linux.Packages.Pacman;
using Anna.Core.Linux.Processes;

namespace Anna.IntegrationTests.Packages.Pacman;

/// <summary>
/// A private pacman world in a temporary directory: installation root, databases, cache, log,
/// GnuPG directory and a local file repository "[anna-test]" with unsigned packages built here.
/// Nothing outside the directory is read or written, and the directory goes on dispose.
/// </summary>
public sealed class PacmanSandbox : IDisposable
{
    public const string RepoName = "anna-test";

    private readonly ProcessRunner _runner = new();

    public PacmanSandbox()
    {
        Dir = Directory.CreateTempSubdirectory("anna-pacman-").FullName;
        try
        {
            Prepare();
        }
        catch
        {
            Dispose();
            throw;
        }
        Options = new PacmanOptions
        {
            RootDir = RootDir,
            DbPath = DbPath,
            CacheDir = CacheDir,
            ConfigFile = ConfigFile,
            KernelReleaseFile = Path.Combine(Dir, "osrelease"),
            QueryTimeout = TimeSpan.FromSeconds(30),
            TransactionTimeout = TimeSpan.FromSeconds(60),
        };
        Manager = new PacmanPackageManager(Options, _runner);
    }

    private void Prepare()
    {
        foreach (var sub in new[] { "root", "db", "cache", "repo", "gpg" })
            Directory.CreateDirectory(Path.Combine(Dir, sub));
        File.WriteAllText(ConfigFile, $"""
            [options]
            RootDir = {RootDir}
            DBPath = {DbPath}/
            CacheDir = {CacheDir}/
            LogFile = {Path.Combine(Dir, "pacman.log")}
            GPGDir = {Path.Combine(Dir, "gpg")}/
            Architecture = auto
            SigLevel = Never
            LocalFileSigLevel = Never

            [{RepoName}]
            SigLevel = Never
            Server = file://{RepoDir}

            """);
        SetRunningKernel("6.0.0-anna");
    }

    public string Dir { get; }
    public string RootDir => Path.Combine(Dir, "root");
    public string DbPath => Path.Combine(Dir, "db");
    public string CacheDir => Path.Combine(Dir, "cache");
    public string RepoDir => Path.Combine(Dir, "repo");
    public string ConfigFile => Path.Combine(Dir, "pacman.conf");
    public PacmanOptions Options { get; }
    public PacmanPackageManager Manager { get; }

    public void SetRunningKernel(string release) => File.WriteAllText(Path.Combine(Dir, "osrelease"), release + "\n");

    /// <summary>Builds the package file into the repository directory and returns its path.</summary>
    public string Build(TestPackage package)
    {
        var path = Path.Combine(RepoDir, package.FileName);
        var info = new StringBuilder()
            .Append($"pkgname = {package.Name}\npkgbase = {package.Name}\npkgver = {package.Version}\n")
            .Append($"pkgdesc = Anna test package {package.Name}\nurl = https://example.invalid/\n")
            .Append($"builddate = 1700000000\npackager = Anna tests\nsize = {package.InstalledBytes}\narch = any\n");
        foreach (var dependency in package.Depends)
            info.Append($"depend = {dependency}\n");

        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Ustar);
        AddFile(tar, ".PKGINFO", info.ToString());
        var files = new[] { $"usr/share/anna-test/{package.Name}" }.Concat(package.ExtraFiles).ToList();
        var directories = files.SelectMany(ParentDirectories).Distinct().Order(StringComparer.Ordinal);
        foreach (var directory in directories)
            tar.WriteEntry(new UstarTarEntry(TarEntryType.Directory, directory + "/") { Mode = (UnixFileMode)0b111_101_101, ModificationTime = DateTimeOffset.UnixEpoch });
        foreach (var name in files)
            AddFile(tar, name, package.Content);
        return path;
    }

    /// <summary>Builds the packages and writes the repository database listing them (what repo-add would do).</summary>
    public void Publish(params TestPackage[] packages)
    {
        var dbPath = Path.Combine(RepoDir, RepoName + ".db");
        using (var file = File.Create(dbPath))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            foreach (var package in packages)
            {
                var packageFile = Build(package);
                var desc = new StringBuilder()
                    .Append($"%FILENAME%\n{package.FileName}\n\n%NAME%\n{package.Name}\n\n%BASE%\n{package.Name}\n\n")
                    .Append($"%VERSION%\n{package.Version}\n\n%DESC%\nAnna test package\n\n")
                    .Append($"%CSIZE%\n{new FileInfo(packageFile).Length}\n\n%ISIZE%\n{package.InstalledBytes}\n\n")
                    .Append("%ARCH%\nany\n\n%BUILDDATE%\n1700000000\n\n%PACKAGER%\nAnna tests\n\n");
                if (package.Depends.Count > 0)
                    desc.Append($"%DEPENDS%\n{string.Join('\n', package.Depends)}\n\n");
                // No "./" prefix: pacman takes the first path component as name-version.
                tar.WriteEntry(new UstarTarEntry(TarEntryType.Directory, $"{package.Name}-{package.Version}/") { Mode = (UnixFileMode)0b111_101_101 });
                AddFile(tar, $"{package.Name}-{package.Version}/desc", desc.ToString());
            }
        }
    }

    /// <summary>Runs pacman on the sandbox for test setup, and insists that it worked.</summary>
    public async Task<string> PacmanAsync(params string[] arguments)
    {
        var result = await _runner.RunAsync("pacman",
            [.. arguments, "--root", RootDir, "--dbpath", DbPath, "--cachedir", CacheDir, "--config", ConfigFile],
            TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.True(result.Succeeded, $"pacman {string.Join(' ', arguments)} failed with exit code {result.ExitCode}:\n{result.Excerpt()}");
        return result.StandardOutput;
    }

    /// <summary>The installed version as pacman -Q reports it, or null.</summary>
    public async Task<string?> InstalledVersionAsync(string name)
    {
        var result = await _runner.RunAsync("pacman",
            ["-Q", "--root", RootDir, "--dbpath", DbPath, "--config", ConfigFile, "--", name],
            TimeSpan.FromSeconds(30), CancellationToken.None);
        return result.Succeeded ? result.StandardOutput.Split(' ', StringSplitOptions.TrimEntries)[1] : null;
    }

    /// <summary>Whether the package is installed as a dependency (what makes it an orphan once nothing needs it).</summary>
    public async Task<bool> IsDependencyAsync(string name)
    {
        var result = await _runner.RunAsync("pacman",
            ["-Qqd", "--root", RootDir, "--dbpath", DbPath, "--config", ConfigFile],
            TimeSpan.FromSeconds(30), CancellationToken.None);
        return result.StandardOutput.Split('\n', StringSplitOptions.TrimEntries).Contains(name);
    }

    /// <summary>The mirror gone and the cache emptied: pacman can fetch nothing any more.</summary>
    public void GoOffline()
    {
        foreach (var file in Directory.GetFiles(RepoDir).Concat(Directory.GetFiles(CacheDir)))
            File.Delete(file);
    }

    public string InstalledFile(string name) => Path.Combine(RootDir, "usr/share/anna-test", name);

    public void Dispose()
    {
        if (Directory.Exists(Dir))
            Directory.Delete(Dir, recursive: true);
    }

    private static IEnumerable<string> ParentDirectories(string path)
    {
        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
            yield return path[..slash];
    }

    private static void AddFile(TarWriter tar, string name, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = (UnixFileMode)0b110_100_100,
            ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1700000000),
            DataStream = new MemoryStream(bytes),
        });
    }
}
