using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Anna.Bench;

/// <summary>
/// The real Anna (anna.dll under the dotnet host) as a child process with its own data directory
/// and healing.toml, watching the given bus. Disposing kills it and deletes its directory.
/// </summary>
internal sealed class AnnaProcess : IAsyncDisposable
{
    private const int OutputLines = 40;

    private readonly Process _process;
    private readonly DirectoryInfo _root;
    private readonly HttpClient _http;
    private readonly Queue<string> _output = new();

    private AnnaProcess(Process process, DirectoryInfo root, HttpClient http, Uri baseAddress)
    {
        _process = process;
        _root = root;
        _http = http;
        BaseAddress = baseAddress;
    }

    public int Pid => _process.Id;

    /// <summary>Where Anna listens (dashboard and API), e.g. http://127.0.0.1:40123.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The API socket (annactl's door), served as root.</summary>
    public string SocketPath => Path.Combine(_root.FullName, "anna.sock");

    /// <summary>A one-time sign-in link for the dashboard, asked for on the socket as root (admin).</summary>
    public async Task<string> SignInLinkAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync("/api/v1/auth/login-link", null, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("url").GetString()!;
    }

    /// <param name="probes">Probes to run; null for all of them (only with a policy that changes nothing).</param>
    public static AnnaProcess Start(string annaDll, string busAddress, string healingToml, IReadOnlyList<string>? probes = null)
    {
        var root = Directory.CreateTempSubdirectory("anna-bench-");
        try
        {
            var policy = Path.Combine(root.FullName, "healing.toml");
            File.WriteAllText(policy, healingToml);
            File.SetUnixFileMode(policy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var url = $"http://127.0.0.1:{FreePort()}";
            var start = new ProcessStartInfo(DotnetHost())
            {
                ArgumentList = { annaDll, "--urls", url },
                WorkingDirectory = root.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ANNA__DataDir"] = Path.Combine(root.FullName, "data");
            start.Environment["ANNA__HealingConfig"] = policy;
            start.Environment["ANNA__Systemd__BusAddress"] = busAddress;
            // The API over the socket as root (admin), as annactl does; the browser signs in with a link.
            var socket = Path.Combine(root.FullName, "anna.sock");
            start.Environment["ANNA__Socket"] = socket;
            for (var i = 0; i < (probes?.Count ?? 0); i++)
                start.Environment[$"ANNA__Probes__{i}"] = probes![i];
            var process = new Process { StartInfo = start };
            var anna = new AnnaProcess(process, root, Anna.Testing.UnixSocketHttp.Create(socket, TimeSpan.FromMinutes(3)), new Uri(url));
            process.OutputDataReceived += (_, e) => anna.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => anna.Keep(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return anna;
        }
        catch
        {
            root.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Polls /api/v1/health until Anna says it is connected to systemd.</summary>
    public async Task WaitConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Anna exited with code {_process.ExitCode}:\n{OutputTail()}");
            try
            {
                var health = await HealthAsync(cancellationToken);
                if (health.GetProperty("watching").TryGetProperty("systemd", out var s) && s.GetString() == "connected")
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"Anna did not connect to systemd within {timeout.TotalSeconds:0} s:\n{OutputTail()}");
    }

    public async Task<JsonElement> HealthAsync(CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync<JsonElement>("/api/v1/health", cancellationToken);

    /// <summary>History rows for one subject, newest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> HistoryForAsync(string subject, CancellationToken cancellationToken)
    {
        var page = await _http.GetFromJsonAsync<JsonElement>("/api/v1/history?page=1&pageSize=500", cancellationToken);
        return [.. page.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("subject").GetString() == subject)];
    }

    /// <summary>True when Anna's health lists an open issue about this subject.</summary>
    public async Task<bool> HasOpenIssueAsync(string subject, CancellationToken cancellationToken)
    {
        var health = await HealthAsync(cancellationToken);
        return health.GetProperty("issues").EnumerateArray().Any(i => i.GetProperty("subject").GetString() == subject);
    }

    /// <summary>VmRSS of the Anna process in KiB.</summary>
    /// <summary>Runs every probe now through the API; returns each probe's run (probe, tookMs, status).</summary>
    public async Task<JsonElement> ScanAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync("/api/v1/scan", null, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    public long ResidentKiB()
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    public string OutputTail()
    {
        lock (_output)
            return string.Join('\n', _output);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // It was never started or is already gone.
        }
        finally
        {
            _process.Dispose();
            _http.Dispose();
            _root.Delete(recursive: true);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > OutputLines)
                _output.Dequeue();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The dotnet host this bench runs under (its runtime lives in shared/Microsoft.NETCore.App/&lt;version&gt;/).</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
            return host;
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var candidate = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "dotnet"));
        return File.Exists(candidate) ? candidate : "dotnet";
    }
}
