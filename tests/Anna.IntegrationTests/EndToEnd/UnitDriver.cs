using Anna.Core.Linux.Processes;
using Anna.Core.Linux.Systemd;
using Anna.Core.Linux.Systemd.Sandbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.IntegrationTests.EndToEnd;

/// <summary>The test's own hands on the sandboxed systemd: install, start, kill and read units.</summary>
internal sealed class UnitDriver : IAsyncDisposable
{
    private readonly UserManagerSandbox _sandbox;
    private readonly SystemdDbusManager _systemd;

    private UnitDriver(UserManagerSandbox sandbox, SystemdDbusManager systemd)
    {
        _sandbox = sandbox;
        _systemd = systemd;
    }

    public static async Task<UnitDriver> ConnectAsync(UserManagerSandbox sandbox)
    {
        var systemd = new SystemdDbusManager(sandbox.BusAddress, NullLogger<SystemdDbusManager>.Instance, TimeProvider.System);
        await systemd.StartAsync(CancellationToken.None);
        return new UnitDriver(sandbox, systemd);
    }

    /// <summary>Installs and starts a unit running sleep; returns its main pid.</summary>
    public Task<uint> StartSleeperAsync(string unit, string serviceExtra = "") =>
        StartUnitFileAsync(unit, $"""
            [Unit]
            Description=Anna test unit
            StartLimitIntervalSec=0

            [Service]
            ExecStart=/bin/sleep infinity
            {serviceExtra}
            """);

    /// <summary>Installs and starts a unit from its full unit file; returns its main pid.</summary>
    public async Task<uint> StartUnitFileAsync(string unit, string unitFile)
    {
        var status = await InstallAndStartAsync(unit, unitFile);
        Assert.True(status.IsActive && status.MainPid > 0, $"{unit} did not start: {status}");
        return status.MainPid;
    }

    /// <summary>
    /// Installs and starts a unit without expecting it to stay up: a unit built to crash may be
    /// gone again before its state is read, on a busy machine.
    /// </summary>
    public async Task<UnitStatus> InstallAndStartAsync(string unit, string unitFile)
    {
        await _sandbox.InstallUnitAsync(unit, unitFile, CancellationToken.None);
        var name = UnitName.Parse(unit);
        Assert.Equal("done", await _systemd.StartUnitAsync(name, CancellationToken.None));
        return await _systemd.GetUnitAsync(name, CancellationToken.None);
    }

    public Task<UnitStatus> StatusAsync(string unit) => _systemd.GetUnitAsync(UnitName.Parse(unit), CancellationToken.None);

    /// <summary>SIGKILL, as a crash would. A pid of 0 (a unit read between two lives) is refused, never a group kill.</summary>
    public static void Kill(uint pid) => ProcessSignals.Kill(pid);

    /// <summary>Clears every failed unit so a test starts from a healthy manager.</summary>
    public async Task ResetAllFailedAsync()
    {
        foreach (var unit in await _systemd.ListFailedUnitsAsync(CancellationToken.None))
            await _systemd.ResetFailedUnitAsync(unit.Name, CancellationToken.None);
    }

    public async Task StopAsync(string unit)
    {
        var name = UnitName.Parse(unit);
        await _systemd.StopUnitAsync(name, CancellationToken.None);
        await _systemd.ResetFailedUnitAsync(name, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => _systemd.DisposeAsync();
}
