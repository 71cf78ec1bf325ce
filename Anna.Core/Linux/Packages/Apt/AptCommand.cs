using Anna.Core.Linux.Processes;

namespace Anna.Core.Linux.Packages.Apt;

/// <summary>
/// Builds and runs apt-get and dpkg-query argument lists. apt never gets a terminal and never
/// asks: no pty for dpkg, the noninteractive debconf frontend, and a kept config file when a
/// package ships a new one.
/// </summary>
public sealed class AptCommand(AptOptions options, ProcessRunner runner)
{
    private static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["DEBIAN_FRONTEND"] = "noninteractive",
        ["APT_LISTCHANGES_FRONTEND"] = "none",
    };

    /// <summary>A simulation (<c>apt-get -s</c>): changes nothing and needs no lock.</summary>
    public Task<ProcessResult> SimulateAsync(IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        RunAptGetAsync(["-s", "-o", "Debug::NoLocking=1", .. Common()], command, options.QueryTimeout, cancellationToken);

    /// <summary>A read-only apt-get call that is not a simulation (e.g. --print-uris).</summary>
    public Task<ProcessResult> QueryAsync(IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        RunAptGetAsync(["-o", "Debug::NoLocking=1", .. Common()], command, options.QueryTimeout, cancellationToken);

    /// <summary>A real run: answers yes, keeps changed config files.</summary>
    public Task<ProcessResult> ChangeAsync(IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        RunAptGetAsync(
            ["-y", "-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold", .. Common()],
            command, options.ChangeTimeout, cancellationToken);

    /// <summary>
    /// <c>apt-get download</c>, which writes into the directory it runs in (it has no option for
    /// another): a read of the repositories that changes nothing on the system and needs no lock.
    /// </summary>
    public Task<ProcessResult> DownloadAsync(IReadOnlyList<string> command, string directory, CancellationToken cancellationToken) =>
        runner.RunAsync("apt-get", ["-q", .. Common(), "download", .. command], options.ChangeTimeout, cancellationToken, Environment,
            workingDirectory: directory);

    /// <summary>The Package, Version and Architecture fields of a .deb file's control file.</summary>
    public async Task<IReadOnlyDictionary<string, string>> DebFieldsAsync(string debFile, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync("dpkg-deb", ["--field", debFile, "Package", "Version", "Architecture"], options.QueryTimeout, cancellationToken, Environment);
        EnsureSucceeded(result, "dpkg-deb --field");
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim(), StringComparer.Ordinal);
    }

    /// <summary>The packages apt holds as installed automatically (as dependencies), without their architecture.</summary>
    public async Task<IReadOnlySet<string>> AutoInstalledAsync(CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync("apt-mark", [.. Common(), "showauto"], options.QueryTimeout, cancellationToken, Environment);
        EnsureSucceeded(result, "apt-mark showauto");
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(':')[0])
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Marks packages as installed automatically, so autoremove sees them as it did before.</summary>
    public async Task MarkAutoAsync(IReadOnlyList<PackageName> packages, CancellationToken cancellationToken)
    {
        if (packages.Count == 0)
            return;
        var result = await runner.RunAsync("apt-mark", [.. Common(), "auto", .. packages.Select(p => p.Value)], options.QueryTimeout, cancellationToken, Environment);
        EnsureSucceeded(result, "apt-mark auto");
    }

    /// <summary>Every installed package with version and size, from the dpkg database.</summary>
    public async Task<IReadOnlyDictionary<string, InstalledPackage>> InstalledAsync(CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync("dpkg-query", ["-W", "-f=" + DpkgStatus.InstalledFormat], options.QueryTimeout, cancellationToken, Environment);
        EnsureSucceeded(result, "dpkg-query -W");
        return DpkgStatus.ParseInstalled(result.StandardOutput);
    }

    public static void EnsureSucceeded(ProcessResult result, string what)
    {
        if (!result.Succeeded)
            throw new PackageManagerException(result.TimedOut
                ? $"{what} timed out after {result.Duration.TotalSeconds:0} s"
                : $"{what} failed with exit code {result.ExitCode}: {result.Excerpt(500)}");
    }

    private IEnumerable<string> Common()
    {
        yield return "-o";
        yield return "Dpkg::Use-Pty=0";
        foreach (var option in options.ExtraOptions)
        {
            yield return "-o";
            yield return option;
        }
    }

    private Task<ProcessResult> RunAptGetAsync(IReadOnlyList<string> prefix, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken) =>
        runner.RunAsync("apt-get", [.. prefix, .. command], timeout, cancellationToken, Environment);
}
