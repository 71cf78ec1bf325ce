using Anna.Core.Linux.Processes;
using Anna.Core.Linux.Systemd.Sandbox;
using Anna.IntegrationTests.Crash;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Packages.Apt;
using Anna.IntegrationTests.Startup;
using Anna.Testing;

namespace Anna.IntegrationTests.Packaging;

/// <summary>
/// scripts/package.sh builds a package that lintian accepts, that installs into this machine's dpkg,
/// whose installed daemon (under the installed unit's own directives, on a sandboxed systemd) answers
/// the installed annactl, and that removes and purges cleanly. It installs into the machine's dpkg
/// database, so it runs with the other tests that do (one dpkg at a time).
/// </summary>
[Collection(AptCollection.Name)]
public sealed class DebianPackageTests
{
    private static readonly string[] Groups = ["anna", "anna-admin"];

    private const string PolicyRcD = "/usr/sbin/policy-rc.d";

    private readonly ProcessRunner _processes = new();

    [MachineWithoutAnnaFact]
    public async Task The_package_builds_passes_lintian_installs_answers_annactl_and_purges_cleanly()
    {
        var output = Directory.CreateTempSubdirectory("anna-package-");
        var groupsBefore = Groups.Where(GroupExists).ToList();
        // Installing must not start a service on a machine where systemd runs (the Debian way to say so).
        var guardedStarts = !File.Exists(PolicyRcD);
        if (guardedStarts)
        {
            await File.WriteAllTextAsync(PolicyRcD, "#!/bin/sh\n# Written by Anna's package test: no service starts while it runs.\nexit 101\n");
            File.SetUnixFileMode(PolicyRcD, (UnixFileMode)0b111_101_101);
        }
        try
        {
            var build = await RunAsync(Path.Combine(RepositoryRoot.Path, "scripts", "package.sh"), [output.FullName], TimeSpan.FromMinutes(15));
            var deb = build.StandardOutput.TrimEnd().Split('\n')[^1];
            Assert.Matches(@"/anna_\d+\.\d+\.\d+_amd64\.deb$", deb);

            // Errors fail it, and so does every warning not explained in the package's overrides.
            await RunAsync("lintian", ["--fail-on", "error,warning", deb], TimeSpan.FromMinutes(5));
            var conffiles = await RunAsync("dpkg-deb", ["--info", deb, "conffiles"], TimeSpan.FromSeconds(30));
            Assert.Equal("/etc/anna/healing.toml", conffiles.StandardOutput.Trim());

            await RunAsync("dpkg", ["--install", deb], TimeSpan.FromMinutes(5));
            Assert.True(await InstalledAsync());
            foreach (var group in Groups)
                Assert.True(GroupExists(group), $"postinst did not create the group {group}");
            var policy = new FileInfo("/etc/anna/healing.toml");
            Assert.Equal((UnixFileMode)0b110_100_100, policy.UnixFileMode);
            Assert.Equal("root:root", (await RunAsync("stat", ["-c", "%U:%G", policy.FullName], TimeSpan.FromSeconds(10))).StandardOutput.Trim());
            Assert.True(File.Exists("/usr/share/man/man1/annactl.1.gz"));
            Assert.Equal("/usr/lib/anna/annactl", new FileInfo("/usr/bin/annactl").ResolveLinkTarget(returnFinalTarget: true)?.FullName);
            // systemd reads the installed unit without complaint, its program included.
            await RunAsync("systemd-analyze", ["verify", "/lib/systemd/system/anna.service"], TimeSpan.FromSeconds(60));

            await InstalledDaemonAnswersAnnactlAsync();

            // remove keeps the configuration (a conffile) and Anna's state; purge takes both.
            Directory.CreateDirectory("/var/lib/anna");
            await File.WriteAllTextAsync("/var/lib/anna/kept-until-purge", "state");
            await RunAsync("dpkg", ["--remove", "anna"], TimeSpan.FromMinutes(2));
            Assert.False(Path.Exists("/usr/lib/anna"));
            Assert.False(Path.Exists("/usr/bin/annactl"));
            Assert.True(File.Exists("/etc/anna/healing.toml"), "remove must keep the policy (a conffile)");
            Assert.True(File.Exists("/var/lib/anna/kept-until-purge"), "remove must keep Anna's state");
            await RunAsync("dpkg", ["--purge", "anna"], TimeSpan.FromMinutes(2));
            Assert.False(await InstalledAsync());
            foreach (var path in MachineWithoutAnnaFactAttribute.PackagePaths)
                Assert.False(Path.Exists(path), $"{path} is still there after purge");
        }
        finally
        {
            if (await KnownToDpkgAsync())
                await _processes.RunAsync("dpkg", ["--purge", "anna"], TimeSpan.FromMinutes(2), CancellationToken.None);
            foreach (var group in Groups.Except(groupsBefore).Where(GroupExists))
                await _processes.RunAsync("groupdel", [group], TimeSpan.FromSeconds(30), CancellationToken.None);
            if (guardedStarts)
                File.Delete(PolicyRcD);
            output.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The installed program under the installed unit's directives, as a service of a sandboxed
    /// systemd that it watches; the installed annactl asks it for health through its socket.
    /// </summary>
    private async Task InstalledDaemonAnswersAnnactlAsync()
    {
        await using var sandbox = await UserManagerSandbox.StartAsync("package", CancellationToken.None);
        await using var units = await UnitDriver.ConnectAsync(sandbox);
        using var state = new AnnaStateDirectory();
        state.WritePolicy("[healing]\npolicy = \"supervised\"\n");
        var log = Path.Combine(state.Root, "anna.log");
        var service = ShippedUnit.Installed("/lib/systemd/system/anna.service", "/usr/lib/anna/anna", "/usr/lib/anna", state,
            AnnaLaunch.OnSandbox(sandbox.BusAddress), log, [sandbox.RootDirectory]);
        var started = await units.InstallAndStartAsync("anna-installed.service", service);
        Assert.True(started.IsActive, $"{started}\n{(File.Exists(log) ? File.ReadAllText(log) : "")}");
        try
        {
            var health = await Eventually.HoldsAsync(() => _processes.RunAsync("/usr/bin/annactl", ["--socket", state.SocketPath, "health"],
                TimeSpan.FromSeconds(30), CancellationToken.None), r => r.ExitCode == 0, "the installed annactl to get health from the installed daemon");
            Assert.Contains("HEALTHY", health.StandardOutput);
            var status = await RunAsync("/usr/bin/annactl", ["--socket", state.SocketPath, "-o", "json", "status"], TimeSpan.FromSeconds(30));
            Assert.Contains("\"state\"", status.StandardOutput);
        }
        finally
        {
            await units.StopAsync("anna-installed.service");
        }
    }

    private async Task<ProcessResult> RunAsync(string program, string[] args, TimeSpan timeout)
    {
        var result = await _processes.RunAsync(program, args, timeout, CancellationToken.None, workingDirectory: RepositoryRoot.Path);
        Assert.True(result.Succeeded, $"{program} {string.Join(' ', args)}: exit {result.ExitCode}{(result.TimedOut ? " (timed out)" : "")}\n{result.Excerpt(6000)}");
        return result;
    }

    private async Task<bool> InstalledAsync()
    {
        var query = await _processes.RunAsync("dpkg-query", ["-W", "-f=${Status}", "anna"], TimeSpan.FromSeconds(30), CancellationToken.None);
        return query.ExitCode == 0 && query.StandardOutput.Contains("install ok installed", StringComparison.Ordinal);
    }

    /// <summary>Installed, or removed with its configuration left: either way purged at the end.</summary>
    private async Task<bool> KnownToDpkgAsync()
    {
        var query = await _processes.RunAsync("dpkg-query", ["-W", "-f=${Status}", "anna"], TimeSpan.FromSeconds(30), CancellationToken.None);
        return query.ExitCode == 0 && !query.StandardOutput.Contains("not-installed", StringComparison.Ordinal);
    }

    private static bool GroupExists(string group) =>
        File.ReadLines("/etc/group").Any(line => line.StartsWith(group + ":", StringComparison.Ordinal));
}
