using System.Diagnostics;

namespace Anna.IntegrationTests.Cli;

/// <summary><c>annactl notify</c> as a running process on a desktop's session bus, its output kept; killed on dispose.</summary>
internal sealed class NotifyAgent : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    public NotifyAgent(string socket, string sessionBus)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Annactl.Dll, "--socket", socket, "notify" },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DBUS_SESSION_BUS_ADDRESS"] = sessionBus;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public string Output()
    {
        lock (_output)
            return string.Join('\n', _output);
    }

    public bool Said(string text)
    {
        lock (_output)
            return _output.Any(l => l.Contains(text, StringComparison.Ordinal));
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Add(line);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}
