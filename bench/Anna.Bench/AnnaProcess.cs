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

    private Stopwatch _sinceStart = new();

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

    /// <param name="anna">anna.dll (run under the dotnet host) or a published, self-contained <c>anna</c> executable.</param>
    /// <param name="probes">Probes to run; null for all of them (only with a policy that changes nothing).</param>
    /// <param name="environment">More environment for Anna (e.g. DOTNET_gcServer=0 to try a runtime setting).</param>
    /// <param name="dataDir">A data directory to use (and keep) instead of a fresh one: a restart over an existing store.</param>
    public static AnnaProcess Start(string anna, string busAddress, string healingToml, IReadOnlyList<string>? probes = null,
        IReadOnlyDictionary<string, string>? environment = null, string? dataDir = null)
    {
        var root = Directory.CreateTempSubdirectory("anna-bench-");
        try
        {
            var policy = Path.Combine(root.FullName, "healing.toml");
            File.WriteAllText(policy, healingToml);
            File.SetUnixFileMode(policy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var url = $"http://127.0.0.1:{FreePort()}";
            var start = Command(anna);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(url);
            start.WorkingDirectory = root.FullName;
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.UseShellExecute = false;
            start.Environment["ANNA__DataDir"] = dataDir ?? Path.Combine(root.FullName, "data");
            start.Environment["ANNA__HealingConfig"] = policy;
            start.Environment["ANNA__Systemd__BusAddress"] = busAddress;
            // The API over the socket as root (admin), as annactl does; the browser signs in with a link.
            var socket = Path.Combine(root.FullName, "anna.sock");
            start.Environment["ANNA__Socket"] = socket;
            for (var i = 0; i < (probes?.Count ?? 0); i++)
                start.Environment[$"ANNA__Probes__{i}"] = probes![i];
            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
                start.Environment[name] = value;
            var process = new Process { StartInfo = start };
            var started = new AnnaProcess(process, root, Anna.Testing.UnixSocketHttp.Create(socket, TimeSpan.FromMinutes(3)), new Uri(url));
            process.OutputDataReceived += (_, e) => started.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => started.Keep(e.Data);
            started._sinceStart = Stopwatch.StartNew();
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return started;
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

    public Task<JsonElement> HealthAsync(CancellationToken cancellationToken) => GetAsync("/api/v1/health", cancellationToken);

    /// <summary>
    /// A read the bench itself makes to follow a trial. Tried again for up to 30 s when the connection
    /// fails: under overload Anna may be at its connection limit (Anna:Connections:Max) and refuse it,
    /// which is Anna doing its job, not the end of the run.
    /// </summary>
    private async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _http.GetFromJsonAsync<JsonElement>(path, cancellationToken);
            }
            catch (HttpRequestException) when (attempt < 30)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    /// <summary>History rows for one subject, newest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> HistoryForAsync(string subject, CancellationToken cancellationToken)
    {
        var page = await _http.GetFromJsonAsync<JsonElement>("/api/v1/history?page=1&pageSize=500", cancellationToken);
        return [.. page.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("subject").GetString() == subject)];
    }

    /// <summary>History rows of one action, newest first (the newest 500).</summary>
    public async Task<IReadOnlyList<JsonElement>> ActionRowsAsync(string action, CancellationToken cancellationToken)
    {
        var page = await _http.GetFromJsonAsync<JsonElement>("/api/v1/history?page=1&pageSize=500", cancellationToken);
        return [.. page.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("action").GetString() == action)];
    }

    /// <summary>True when Anna's health lists an open issue about this subject.</summary>
    public async Task<bool> HasOpenIssueAsync(string subject, CancellationToken cancellationToken)
    {
        var health = await HealthAsync(cancellationToken);
        return health.GetProperty("issues").EnumerateArray().Any(i => i.GetProperty("subject").GetString() == subject);
    }

    /// <summary>Runs every probe now through the API; returns each probe's run (probe, tookMs, status).</summary>
    public async Task<JsonElement> ScanAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync("/api/v1/scan", null, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    /// <summary>VmRSS of the Anna process in KiB.</summary>
    public long ResidentKiB() => ProcessMemory.Read(Pid).VmRssKiB;

    /// <summary>The CPU time Anna has used so far, user and system.</summary>
    public TimeSpan ProcessorTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>
    /// Polls /healthz on Anna's TCP address (the way a supervisor or load balancer asks) until it
    /// answers 200; returns the time from just before the process was started.
    /// </summary>
    public async Task<TimeSpan> WaitHealthzAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var elapsed = await HealthzClock.WaitAsync(new Uri(BaseAddress, "healthz"), _process, _sinceStart, timeout, cancellationToken);
        return elapsed ?? throw new TimeoutException($"Anna did not answer /healthz within {timeout.TotalSeconds:0} s:\n{OutputTail()}");
    }

    /// <summary>The GC heap as Anna reports it in /metrics (dotnet_total_memory_bytes), in bytes; -1 from an Anna that does not report it.</summary>
    public async Task<long> GcHeapBytesAsync(CancellationToken cancellationToken)
    {
        const string name = "dotnet_total_memory_bytes ";
        var text = await _http.GetStringAsync("/metrics", cancellationToken);
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        return line is null ? -1 : (long)double.Parse(line[name.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The runtime's memory figures from /metrics (GC heap, committed, JIT), one scrape.</summary>
    public async Task<RuntimeMemory> RuntimeMemoryAsync(CancellationToken cancellationToken) =>
        RuntimeMemory.Parse(await _http.GetStringAsync("/metrics", cancellationToken));

    /// <summary>When Anna began its newest successful action on this subject (the intent's time, before it is journaled).</summary>
    public async Task<DateTimeOffset?> NewestSuccessStartedAtAsync(string subject, CancellationToken cancellationToken)
    {
        var page = await GetAsync($"/api/v1/history?page=1&pageSize=1&outcome=success&subject={Uri.EscapeDataString(subject)}", cancellationToken);
        var items = page.GetProperty("items");
        return items.GetArrayLength() == 0 ? null : items[0].GetProperty("startedAt").GetDateTimeOffset();
    }

    /// <summary>How many successful actions on this subject Anna's history holds (its total, not one page).</summary>
    public async Task<long> SuccessCountAsync(string subject, CancellationToken cancellationToken)
    {
        var page = await GetAsync($"/api/v1/history?page=1&pageSize=1&outcome=success&subject={Uri.EscapeDataString(subject)}", cancellationToken);
        return page.GetProperty("total").GetInt64();
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

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>How to run Anna: a .dll under the dotnet host, anything else (a published apphost) as it is.</summary>
    internal static ProcessStartInfo Command(string anna)
    {
        if (!anna.EndsWith(".dll", StringComparison.Ordinal))
            return new ProcessStartInfo(anna);
        var start = new ProcessStartInfo(DotnetHost());
        start.ArgumentList.Add(anna);
        return start;
    }

    /// <summary>The dotnet host this bench runs under (its runtime lives in shared/Microsoft.NETCore.App/&lt;version&gt;/).</summary>
    internal static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
            return host;
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var candidate = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "dotnet"));
        return File.Exists(candidate) ? candidate : "dotnet";
    }
}
