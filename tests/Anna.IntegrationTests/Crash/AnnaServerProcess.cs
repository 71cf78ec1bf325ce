using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Anna.Core.Linux.Processes;
using Anna.IntegrationTests.EndToEnd;

namespace Anna.IntegrationTests.Crash;

/// <summary>
/// The real Anna — anna.dll under the dotnet host, as a child process — on a given state directory.
/// It can be killed with SIGKILL (nothing flushed, nothing closed: a crash or a power cut) and
/// started again on the same state. Its output is kept so a test can wait for a line (e.g. the
/// fault injector saying where it holds) and show it when something goes wrong.
/// </summary>
internal sealed class AnnaServerProcess : IAsyncDisposable
{
    private const int KeptLines = 200;

    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly List<string> _output = [];

    private AnnaServerProcess(Process process, HttpClient http)
    {
        _process = process;
        _http = http;
        Client = new AnnaClient(http);
    }

    public int Pid => _process.Id;

    public AnnaClient Client { get; }

    public bool HasExited => _process.HasExited;

    public static AnnaServerProcess Start(AnnaStateDirectory state, AnnaLaunch launch)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(DotnetHost())
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "anna.dll"), "--urls", url },
            WorkingDirectory = state.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in launch.Environment(state))
            start.Environment[key] = value;
        var process = new Process { StartInfo = start };
        var anna = new AnnaServerProcess(process, Anna.Testing.UnixSocketHttp.Create(state.SocketPath));
        process.OutputDataReceived += (_, e) => anna.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => anna.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return anna;
    }

    /// <summary>Starts Anna and waits until it serves and is connected to systemd.</summary>
    public static async Task<AnnaServerProcess> StartConnectedAsync(AnnaStateDirectory state, AnnaLaunch launch)
    {
        var anna = Start(state, launch);
        try
        {
            await anna.WaitConnectedAsync(TimeSpan.FromSeconds(60));
            return anna;
        }
        catch
        {
            await anna.DisposeAsync();
            throw;
        }
    }

    public async Task WaitConnectedAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Anna exited with code {_process.ExitCode}:\n{Output()}");
            try
            {
                var health = await Client.HealthAsync();
                if (health.GetProperty("watching").TryGetProperty("systemd", out var s) && s.GetString() == "connected")
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Anna did not connect to systemd within {timeout.TotalSeconds:0} s:\n{Output()}");
    }

    /// <summary>Waits for an output line containing <paramref name="text"/> and returns it.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            lock (_output)
            {
                if (_output.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
                    return line;
            }
            if (_process.HasExited)
                throw new InvalidOperationException($"Anna exited with code {_process.ExitCode} before saying '{text}':\n{Output()}");
            await Task.Delay(50);
        }
        throw new TimeoutException($"Anna did not say '{text}' within {timeout.TotalSeconds:0} s:\n{Output()}");
    }

    /// <summary>SIGKILL, then waits until the process is gone: no shutdown, no flush, as in a crash.</summary>
    public async Task KillAsync()
    {
        Assert.True(ProcessSignals.Kill(Pid), $"Anna (pid {Pid}) was already gone:\n{Output()}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>SIGTERM, as systemd stops a service; returns how long Anna took to exit, and its exit code.</summary>
    public async Task<(TimeSpan Took, int ExitCode)> TerminateAsync(TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(ProcessSignals.Terminate(Pid), $"Anna (pid {Pid}) was already gone:\n{Output()}");
        using var limit = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(limit.Token);
        return (clock.Elapsed, _process.ExitCode);
    }

    public string Output()
    {
        lock (_output)
            return string.Join('\n', _output.TakeLast(KeptLines));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                ProcessSignals.Kill(Pid);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        finally
        {
            _process.Dispose();
            _http.Dispose();
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            _output.Add(line);
            if (_output.Count > 10 * KeptLines)
                _output.RemoveRange(0, _output.Count - KeptLines);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The dotnet host the tests run under (its runtime lives in shared/Microsoft.NETCore.App/&lt;version&gt;/).</summary>
    public static string DotnetHost()
    {
        if (System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
            return host;
        var candidate = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
        return File.Exists(candidate) ? candidate : "dotnet";
    }
}
