using Anna.Core.Linux.Systemd.Sandbox;

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

        configuration["Anna:Systemd:BusAddress"] = sandbox.BusAddress;
        // The demo brings its own policy so that it heals; the machine's policy file is not read.
        var policy = Path.Combine(sandbox.RuntimeDirectory, "healing.toml");
        await File.WriteAllTextAsync(policy, DemoUnits.HealingToml);
        File.SetUnixFileMode(policy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        configuration["Anna:HealingConfig"] = policy;
        await log.WriteLineAsync($"Demo mode: watching a sandboxed systemd at {sandbox.BusAddress} with {string.Join(", ", DemoUnits.All.Select(u => u.Name))}.");
        return sandbox;
    }
}
