using System.Diagnostics;

namespace Anna.IntegrationTests.Cli;

/// <summary>
/// annactl as a process that runs until stopped (<c>notify</c>, <c>watch</c>), its output kept; killed on dispose.
/// </summary>
internal sealed class AnnactlProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    /// <param name="sessionBus">The D-Bus session bus it is given, as a desktop session would (notify needs one).</param>
    public AnnactlProcess(string socket, string? sessionBus, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[Annactl.Dll, "--socket", socket, .. args])
            start.ArgumentList.Add(arg);
        if (sessionBus is not null)
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

    public IReadOnlyList<string> Lines()
    {
        lock (_output)
            return [.. _output];
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
