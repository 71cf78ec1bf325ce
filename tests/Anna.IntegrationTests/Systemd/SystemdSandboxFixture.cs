using System.Diagnostics;
using Anna.Core.Linux.Processes;
using Anna.Core.Linux.Systemd;
using Anna.Core.Linux.Systemd.Sandbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.IntegrationTests.Systemd;

/// <summary>
/// One sandboxed <c>systemd --user</c> for the whole "systemd" collection, with one adapter
/// connected to it. Tests install uniquely named units so they never see each other's.
/// </summary>
public sealed class SystemdSandboxFixture : IAsyncLifetime
{
    private static int s_unitCounter;
    private UserManagerSandbox? _sandbox;
    private SystemdDbusManager? _manager;

    public UserManagerSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("the sandbox did not start");

    public SystemdDbusManager Manager => _manager ?? throw new InvalidOperationException("the sandbox did not start");

    public async Task InitializeAsync()
    {
        _sandbox = await UserManagerSandbox.StartAsync("integration-tests", CancellationToken.None);
        _manager = CreateManager();
        await _manager.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_manager is not null)
            await _manager.DisposeAsync();
        if (_sandbox is not null)
            await _sandbox.DisposeAsync();
    }

    public SystemdDbusManager CreateManager(TimeSpan? jobDeadline = null) =>
        new(Sandbox.BusAddress, NullLogger<SystemdDbusManager>.Instance, TimeProvider.System, jobDeadline);

    /// <summary>Installs a service running <c>sleep infinity</c> under a name no other test uses.</summary>
    public async Task<UnitName> InstallServiceAsync(string purpose, string extraServiceLines = "")
    {
        var name = UnitName.Parse($"anna-test-{purpose}-{Interlocked.Increment(ref s_unitCounter)}.service");
        var content = $"""
            [Unit]
            Description=Anna test unit ({purpose})
            StartLimitIntervalSec=0

            [Service]
            ExecStart=/bin/sleep infinity
            {extraServiceLines}
            """;
        await Sandbox.InstallUnitAsync(name.Value, content, CancellationToken.None);
        return name;
    }

    /// <summary>Another test may just have restarted the bus or systemd; wait for the adapter to be back.</summary>
    public static async Task WaitConnectedAsync(ISystemdManager manager)
    {
        var clock = Stopwatch.StartNew();
        while (manager.State != SystemdConnectionState.Connected)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
                throw new TimeoutException($"the adapter did not reconnect: {manager.State} {manager.StateReason}");
            await Task.Delay(20);
        }
    }

    /// <summary>SIGKILLs the process and returns the moment the signal was sent.</summary>
    public static DateTimeOffset SigKill(uint pid)
    {
        var now = DateTimeOffset.UtcNow;
        Assert.True(ProcessSignals.Kill(pid), $"pid {pid} was already gone");
        return now;
    }
}
