using Anna.Server.Security;
using Anna.Core.Linux.Systemd;
using Anna.Core.Linux.Systemd.Sandbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.Server.Demo;

/// <summary>
/// `--demo`: starts a sandboxed systemd user manager with demo services and points Anna at it,
/// so a newcomer on any machine (containers, CI) sees a crash detected and healed for real.
/// </summary>
internal static class DemoMode
{
    public static async Task<UserManagerSandbox> StartAsync(ConfigurationManager configuration, TextWriter log)
    {
        var sandbox = await UserManagerSandbox.StartAsync($"anna-demo-{Environment.ProcessId}", CancellationToken.None);
        foreach (var (name, content) in DemoUnits.All)
            await sandbox.InstallUnitAsync(name, content, CancellationToken.None);
        await using (var systemd = new SystemdDbusManager(sandbox.BusAddress, NullLogger<SystemdDbusManager>.Instance, TimeProvider.System))
        {
            await systemd.StartAsync(CancellationToken.None);
            foreach (var (name, _) in DemoUnits.All)
                await systemd.StartUnitAsync(UnitName.Parse(name), CancellationToken.None);
        }

        configuration["Anna:Systemd:BusAddress"] = sandbox.BusAddress;
        // The demo heals its sandbox on its own; it must not touch this machine's packages, disks or logs.
        configuration["Anna:Probes:0"] = "failed_services";
        // The demo brings its own policy so that it heals; the machine's policy file is not read.
        var policy = Path.Combine(sandbox.RuntimeDirectory, "healing.toml");
        await File.WriteAllTextAsync(policy, DemoUnits.HealingToml);
        File.SetUnixFileMode(policy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        configuration["Anna:HealingConfig"] = policy;
        // The demo's history lives and dies with its sandbox, apart from the machine's own Anna data.
        if (string.IsNullOrWhiteSpace(configuration["Anna:DataDir"]))
            configuration["Anna:DataDir"] = Path.Combine(sandbox.RootDirectory, "data");
        await log.WriteLineAsync($"Demo mode: watching a sandboxed systemd at {sandbox.BusAddress} with {string.Join(", ", DemoUnits.All.Select(u => u.Name))}.");
        return sandbox;
    }

    /// <summary>
    /// Prints a one-time sign-in link for root (admin), valid for a minute; <c>annactl dashboard</c>
    /// run as root prints a new one whenever it is needed.
    /// </summary>
    public static void PrintSignInLink(IServiceProvider services, TextWriter log)
    {
        var (secret, _) = services.GetRequiredService<SignInLinks>().Issue(new AnnaIdentity("root", AnnaRole.Admin, AnnaDoor.Socket));
        var url = new Uri(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AnnaDashboardAddress>>().Value.BaseUri,
            $"auth/login?token={secret}");
        log.WriteLine($"Demo: sign in to the dashboard within a minute with {url}");
        log.WriteLine("      (for a new link later: sudo dotnet Anna.Cli/bin/Debug/net10.0/annactl.dll dashboard)");
    }
}
