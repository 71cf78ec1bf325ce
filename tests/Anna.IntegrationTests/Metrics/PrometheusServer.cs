using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Anna.Core.Linux.Processes;

namespace Anna.IntegrationTests.Metrics;

/// <summary>
/// Debian's real Prometheus, scraping one Anna every second into a throw-away data directory on a
/// loopback port of its own. Disposed: the process is killed and its directory removed.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly DirectoryInfo _root;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, DirectoryInfo root, Uri address)
    {
        _process = process;
        _root = root;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Starts Prometheus scraping <paramref name="target"/> (host:port) and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(string target)
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: scripts/test.sh installs Debian's prometheus package");
        var root = Directory.CreateTempSubdirectory("anna-prometheus-");
        var config = System.IO.Path.Combine(root.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, $$"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: anna
                static_configs:
                  - targets: ["{{target}}"]
            """);
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            $"--config.file={config}", $"--storage.tsdb.path={System.IO.Path.Combine(root.FullName, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"])
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, root, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await server.WaitReadyAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs an instant query through the HTTP API; returns the result vector.</summary>
    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string expression)
    {
        using var response = await _http.GetAsync($"api/v1/query?query={Uri.EscapeDataString(expression)}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("status").GetString() == "success", $"{expression}: {body}");
        return body.GetProperty("data").GetProperty("result").EnumerateArray().ToList();
    }

    /// <summary>The number of samples Prometheus has taken of <paramref name="target"/> so far.</summary>
    public async Task<double> ScrapesAsync() =>
        (await QueryAsync("count_over_time(up{job=\"anna\"}[10m])")) is [var only] ? Value(only) : 0;

    public static double Value(JsonElement sample) =>
        double.Parse(sample.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"prometheus exited with {(_process.HasExited ? _process.ExitCode : 0)}");
            try
            {
                if ((await _http.GetAsync("-/ready")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("prometheus did not become ready within 30 s");
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
            ProcessSignals.Kill(_process.Id);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _root.Delete(recursive: true);
    }
}
