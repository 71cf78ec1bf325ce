using System.Diagnostics;
using Tmds.DBus.Protocol;

namespace Anna.Core.Linux.Systemd.Sandbox;

/// <summary>
/// A real, isolated <c>systemd --user</c> manager with its own bus, cgroup subtree, private
/// /run/systemd and XDG directories under a temporary directory. Integration tests, benchmarks and
/// the demo mode point Anna's systemd adapter at <see cref="BusAddress"/>. Needs root.
/// </summary>
public sealed class UserManagerSandbox : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);
    private static int s_counter;

    private readonly Process _process;
    private readonly SandboxCgroups _cgroups;
    private readonly SandboxOutput _output;
    private int _disposed;

    private UserManagerSandbox(string name, string root, Process process, SandboxCgroups cgroups, SandboxOutput output)
    {
        Name = name;
        RootDirectory = root;
        _process = process;
        _cgroups = cgroups;
        _output = output;
    }

    public string Name { get; }

    /// <summary>The temporary directory holding everything of this sandbox.</summary>
    public string RootDirectory { get; }

    public string RuntimeDirectory => Path.Combine(RootDirectory, "run");

    /// <summary>$XDG_RUNTIME_DIR/systemd/user: the manager reads unit files from here.</summary>
    public string UnitDirectory => Path.Combine(RuntimeDirectory, "systemd", "user");

    public string BusAddress => "unix:path=" + Path.Combine(RuntimeDirectory, "bus");

    /// <summary>Name of the sandbox's cgroup in every hierarchy.</summary>
    public string CgroupName => _cgroups.Name;

    public int ManagerPid => _process.Id;

    public static async Task<UserManagerSandbox> StartAsync(string name, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
            throw new SandboxUnavailableException("the systemd sandbox needs Linux");
        var prerequisites = SandboxPrerequisites.Check();
        await StaleSandboxes.RemoveAsync(prerequisites.CgroupHierarchies).ConfigureAwait(false);
        var cgroupName = $"anna-sandbox-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}";
        var root = Directory.CreateTempSubdirectory(cgroupName + "-").FullName;
        var cgroups = new SandboxCgroups(prerequisites.CgroupHierarchies, cgroupName);
        Process? process = null;
        try
        {
            var runtime = Path.Combine(root, "run");
            Directory.CreateDirectory(Path.Combine(runtime, "systemd", "user"));
            // systemd and dbus insist that the runtime directory is private to its user.
            File.SetUnixFileMode(runtime, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var script = Path.Combine(root, SandboxScript.FileName);
            await File.WriteAllTextAsync(script, SandboxScript.Text, cancellationToken).ConfigureAwait(false);
            OrphanReaper.Enable();
            cgroups.Create();

            var output = new SandboxOutput();
            process = new Process { StartInfo = SandboxStartInfo.Create(prerequisites, root, script, cgroups), EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) => output.Add(e.Data);
            process.ErrorDataReceived += (_, e) => output.Add(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var sandbox = new UserManagerSandbox(name, root, process, cgroups, output);
            try
            {
                await sandbox.WaitForManagerAsync(null, StartTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await sandbox.DisposeAsync().ConfigureAwait(false);
                throw;
            }
            return sandbox;
        }
        catch when (process is null)
        {
            await cgroups.DestroyAsync(ExitTimeout).ConfigureAwait(false);
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    /// <summary>Writes a unit file into <see cref="UnitDirectory"/> and reloads the manager.</summary>
    public async Task InstallUnitAsync(string unitFileName, string content, CancellationToken cancellationToken)
    {
        if (!UnitName.TryParse(unitFileName, out _, out var error))
            throw new ArgumentException(error, nameof(unitFileName));
        await File.WriteAllTextAsync(Path.Combine(UnitDirectory, unitFileName), content, cancellationToken).ConfigureAwait(false);
        await ReloadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>daemon-reload; the reply comes once the reload is complete.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        using var connection = await SandboxBus.ConnectAsync(BusAddress, cancellationToken).ConfigureAwait(false);
        await SystemdCalls.ManagerCallAsync(connection, "Reload").WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// daemon-reexec: systemd serializes itself, execs anew and rejoins the bus under a new unique
    /// name. Returns once it is back on the bus.
    /// </summary>
    public async Task RestartManagerAsync(CancellationToken cancellationToken)
    {
        string? before;
        using (var connection = await SandboxBus.ConnectAsync(BusAddress, cancellationToken).ConfigureAwait(false))
        {
            before = await SandboxBus.SystemdOwnerAsync(connection, cancellationToken).ConfigureAwait(false);
            try
            {
                await SystemdCalls.ManagerCallAsync(connection, "Reexecute").WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DBusErrorReplyException or DBusConnectionClosedException)
            {
                // systemd may drop off the bus before its reply gets out; the wait below decides.
            }
        }
        await WaitForManagerAsync(before, StartTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// SIGKILLs the sandbox's dbus-daemon: every bus client loses its connection. The socket stays
    /// with systemd, so the next connection starts a new bus; returns once systemd is on it again.
    /// </summary>
    public async Task KillBusAsync(CancellationToken cancellationToken)
    {
        var daemons = _cgroups.Processes().Where(pid => ReadComm(pid) == "dbus-daemon").ToArray();
        if (daemons.Length == 0)
            throw new InvalidOperationException($"no dbus-daemon runs in sandbox {Name}");
        foreach (var pid in daemons)
            SandboxCgroups.KillProcess(pid);
        while (_cgroups.Processes().Intersect(daemons).Any())
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        await WaitForManagerAsync(null, StartTimeout, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        try
        {
            var started = _cgroups.Processes();
            await StopManagerAsync().ConfigureAwait(false);
            await _cgroups.DestroyAsync(ExitTimeout).ConfigureAwait(false);
            OrphanReaper.Reap(started);
        }
        finally
        {
            _process.Dispose();
            // The private mount namespace died with the last process in it; only files remain.
            try
            {
                Directory.Delete(RootDirectory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }

    private async Task StopManagerAsync()
    {
        if (_process.HasExited)
            return;
        try
        {
            using var timeout = new CancellationTokenSource(ExitTimeout);
            using var connection = await SandboxBus.ConnectAsync(BusAddress, timeout.Token).ConfigureAwait(false);
            await SystemdCalls.ManagerCallAsync(connection, "Exit").WaitAsync(timeout.Token).ConfigureAwait(false);
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or DBusExceptionBase or InvalidOperationException)
        {
            // A manager that will not exit politely is killed below, with everything it started.
        }
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Polls until systemd owns its name on the sandbox bus (under a name other than <paramref name="previousOwner"/>).</summary>
    private async Task WaitForManagerAsync(string? previousOwner, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
                throw new InvalidOperationException($"the sandboxed systemd --user exited with code {_process.ExitCode}: {_output.Tail()}");
            if (File.Exists(Path.Combine(RuntimeDirectory, "bus")))
            {
                try
                {
                    using var connection = await SandboxBus.ConnectAsync(BusAddress, cancellationToken).ConfigureAwait(false);
                    var owner = await SandboxBus.SystemdOwnerAsync(connection, cancellationToken).ConfigureAwait(false);
                    if (owner is not null && owner != previousOwner)
                        return;
                }
                catch (Exception ex) when (ex is DBusExceptionBase or IOException or InvalidOperationException)
                {
                    last = ex;
                }
            }
            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }
        throw new TimeoutException(
            $"the sandboxed systemd --user did not appear on {BusAddress} within {timeout.TotalSeconds:0} s" +
            (last is null ? "" : $" (last error: {last.Message})") + $"; its output: {_output.Tail()}");
    }

    private static string? ReadComm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
