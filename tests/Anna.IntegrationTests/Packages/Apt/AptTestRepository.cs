using System.Security.Cryptography;
using System.Text;
using Anna.Core.Linux.Packages.Apt;
using Anna.Core.Linux.Processes;

namespace Anna.IntegrationTests.Packages.Apt;

/// <summary>
/// A local apt repository of tiny anna-test-* packages, built with dpkg-deb, and apt options that
/// point apt at it with its own sources list, lists and cache — the machine's own lists and cache
/// are never touched. The dpkg database is the machine's: tests purge what they install.
/// </summary>
public sealed class AptTestRepository : IDisposable
{
    public const string App = "anna-test-app";
    public const string Lib = "anna-test-lib";

    private static readonly ProcessRunner Runner = new();

    private readonly string _sourceLine;

    public AptTestRepository()
    {
        Root = Directory.CreateTempSubdirectory("anna-apt-").FullName;
        var repo = Directory.CreateDirectory(Path.Combine(Root, "repo")).FullName;
        Directory.CreateDirectory(Path.Combine(Root, "lists", "partial"));
        Directory.CreateDirectory(Path.Combine(ArchivesDirectory, "partial"));
        var parts = Directory.CreateDirectory(Path.Combine(Root, "sources.list.d")).FullName;
        var sources = Path.Combine(Root, "sources.list");
        // copy: (not file:) so apt copies packages into its cache as it would after a download.
        _sourceLine = $"deb [trusted=yes] copy:{repo} ./\n";
        File.WriteAllText(sources, _sourceLine);

        Lib10 = BuildDeb(repo, Lib, "1.0", depends: null, payloadBytes: 200_000);
        App10 = BuildDeb(repo, App, "1.0", depends: Lib, payloadBytes: 20_000);
        App20 = BuildDeb(repo, App, "2.0", depends: null, payloadBytes: 30_000);
        WriteIndex(repo, [Lib10, App10, App20]);

        Options = new AptOptions
        {
            ExtraOptions =
            [
                $"Dir::Etc::SourceList={sources}",
                $"Dir::Etc::SourceParts={parts}",
                $"Dir::State::Lists={Path.Combine(Root, "lists")}",
                $"Dir::Cache={Path.Combine(Root, "cache")}",
            ],
            ArchivesDirectory = ArchivesDirectory,
            RebootRequiredPath = Path.Combine(Root, "reboot-required"),
        };
        Run("apt-get", ["-q", .. AptArguments(), "update"]);
    }

    public string Root { get; }

    public string ArchivesDirectory => Path.Combine(Root, "cache", "archives");

    public AptOptions Options { get; }

    public string Lib10 { get; }

    public string App10 { get; }

    public string App20 { get; }

    /// <summary>"-o Key=Value" pairs for running apt-get by hand against this repository.</summary>
    public IEnumerable<string> AptArguments() => Options.ExtraOptions.SelectMany(o => new[] { "-o", o });

    /// <summary>The machine state every test starts from: app 1.0 (manual) depending on lib 1.0 (auto), an empty cache.</summary>
    public void InstallVersionOne()
    {
        PurgeTestPackages();
        Run("dpkg", ["-i", Lib10, App10]);
        // apt keeps a package's mark after dpkg purges it: set both, whatever an earlier test left.
        Run("apt-mark", ["auto", Lib]);
        Run("apt-mark", ["manual", App]);
        EmptyCache();
    }

    /// <summary>The installed version of a package, or null when it is not installed.</summary>
    public static string? InstalledVersion(string package)
    {
        var result = Runner.RunAsync("dpkg-query", ["-W", "-f=${db:Status-Status} ${Version}", package], TimeSpan.FromSeconds(30), CancellationToken.None).GetAwaiter().GetResult();
        return result.Succeeded && result.StandardOutput.StartsWith("installed ", StringComparison.Ordinal) ? result.StandardOutput["installed ".Length..] : null;
    }

    public void PurgeTestPackages() => Run("dpkg", ["--purge", App, Lib]);

    public string SourcesList => Path.Combine(Root, "sources.list");

    /// <summary>
    /// The machine as if its mirror were gone: no source at all, and apt's lists emptied by an
    /// update, so apt can fetch nothing — not the old version, not the new one.
    /// </summary>
    public void GoOffline()
    {
        File.WriteAllText(SourcesList, "");
        Run("apt-get", ["-q", .. AptArguments(), "update"]);
    }

    /// <summary>The repository back (idempotent: tests call it on dispose).</summary>
    public void GoOnline()
    {
        if (File.ReadAllText(SourcesList) == _sourceLine)
            return;
        File.WriteAllText(SourcesList, _sourceLine);
        Run("apt-get", ["-q", .. AptArguments(), "update"]);
    }

    /// <summary>A package built outside the repository (apt does not know it), as someone would install one by hand.</summary>
    public string BuildLoose(string name, string version)
    {
        var loose = Directory.CreateDirectory(Path.Combine(Root, "loose")).FullName;
        return BuildDeb(loose, name, version, depends: null, payloadBytes: 10_000);
    }

    /// <summary>Whether apt holds the package as installed automatically (as a dependency).</summary>
    public static bool IsAutoInstalled(string package) =>
        Run("apt-mark", ["showauto", package]).StandardOutput.Split('\n', StringSplitOptions.TrimEntries).Contains(package);

    public void EmptyCache()
    {
        foreach (var deb in Directory.EnumerateFiles(ArchivesDirectory, "*.deb"))
            File.Delete(deb);
    }

    public static ProcessResult Run(string program, IReadOnlyList<string> arguments)
    {
        var result = Runner.RunAsync(program, arguments, TimeSpan.FromMinutes(2), CancellationToken.None,
            new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" }).GetAwaiter().GetResult();
        if (!result.Succeeded)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Excerpt()}");
        return result;
    }

    public void Dispose()
    {
        try
        {
            PurgeTestPackages();
        }
        finally
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private string BuildDeb(string repo, string name, string version, string? depends, int payloadBytes)
    {
        var tree = Path.Combine(Root, "build", $"{name}-{version}");
        Directory.CreateDirectory(Path.Combine(tree, "DEBIAN"));
        var share = Directory.CreateDirectory(Path.Combine(tree, "usr", "share", name)).FullName;
        // Incompressible content, so the package and its installed size are what the test expects.
        File.WriteAllBytes(Path.Combine(share, "payload"), RandomNumberGenerator.GetBytes(payloadBytes));
        var control = new StringBuilder()
            .Append($"Package: {name}\nVersion: {version}\nArchitecture: all\nMaintainer: Anna tests <anna@localhost>\n")
            .Append($"Installed-Size: {(payloadBytes + 1023) / 1024}\n")
            .Append(depends is null ? "" : $"Depends: {depends}\n")
            .Append("Priority: optional\nSection: misc\nDescription: package for Anna's apt tests\n Installed and purged by the tests.\n");
        File.WriteAllText(Path.Combine(tree, "DEBIAN", "control"), control.ToString());
        var deb = Path.Combine(repo, $"{name}_{version}_all.deb");
        Run("dpkg-deb", ["--root-owner-group", "--build", tree, deb]);
        return deb;
    }

    /// <summary>A flat repository index: each package's control fields plus where it is, its size and hash.</summary>
    private static void WriteIndex(string repo, IReadOnlyList<string> debs)
    {
        var packages = new StringBuilder();
        foreach (var deb in debs)
        {
            var fields = Run("dpkg-deb", ["-f", deb]).StandardOutput.TrimEnd('\n');
            var bytes = File.ReadAllBytes(deb);
            packages.Append(fields).Append('\n')
                .Append($"Filename: ./{Path.GetFileName(deb)}\nSize: {bytes.Length}\nSHA256: {Convert.ToHexStringLower(SHA256.HashData(bytes))}\n\n");
        }
        var index = Encoding.UTF8.GetBytes(packages.ToString());
        File.WriteAllBytes(Path.Combine(repo, "Packages"), index);
        File.WriteAllText(Path.Combine(repo, "Release"),
            $"Date: {DateTimeOffset.UtcNow:ddd, dd MMM yyyy HH:mm:ss} UTC\nSHA256:\n {Convert.ToHexStringLower(SHA256.HashData(index))} {index.Length} Packages\n");
    }
}
