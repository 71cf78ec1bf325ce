using System.Diagnostics;
using Anna.Core.Linux.Processes;
using Anna.Core.Linux.Systemd.Sandbox;

namespace Anna.Bench;

/// <summary>
/// How fast <c>annactl status</c> answers from a cold process, next to <c>systemctl --user status</c>
/// on the same sandboxed manager (the anchor): the real Anna on a sandboxed systemd --user, each
/// trial a new process to its last byte, the two alternating so that both see the same machine.
/// </summary>
internal static class CliBench
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var annactl = options.AnnactlPath;
        if (!File.Exists(annactl))
        {
            output.WriteLine($"{annactl} does not exist; build Anna.Cli or pass --annactl");
            return 2;
        }
        output.WriteLine($"annactl latency: {options.Trials} trials each, cold processes, {Environment.ProcessorCount} CPUs");
        output.WriteLine($"annactl: {annactl}");
        await using var sandbox = await UserManagerSandbox.StartAsync("anna-bench-cli", cancellationToken);
        await using var anna = AnnaProcess.Start(options.AnnaDll, sandbox.BusAddress, "[healing]\npolicy = \"guided\"\n", ["failed_services"]);
        await anna.WaitConnectedAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken); // start-up work done

        var runner = new ProcessRunner();
        var systemdEnvironment = new Dictionary<string, string>
        {
            ["DBUS_SESSION_BUS_ADDRESS"] = sandbox.BusAddress,
            ["XDG_RUNTIME_DIR"] = sandbox.RuntimeDirectory,
        };
        var cli = new List<TimeSpan>();
        var systemctl = new List<TimeSpan>();
        // One of each first, untimed: the page cache holds both programs, as on a machine in use.
        await TimeAsync(() => runner.RunAsync(annactl, ["--socket", anna.SocketPath, "status"], Timeout, cancellationToken));
        await TimeAsync(() => runner.RunAsync("systemctl", ["--user", "--no-pager", "status"], Timeout, cancellationToken, systemdEnvironment));
        for (var i = 0; i < options.Trials; i++)
        {
            var (annaTime, annaResult) = await TimeAsync(() => runner.RunAsync(annactl, ["--socket", anna.SocketPath, "status"], Timeout, cancellationToken));
            var (systemdTime, systemdResult) = await TimeAsync(() => runner.RunAsync("systemctl", ["--user", "--no-pager", "status"], Timeout, cancellationToken, systemdEnvironment));
            if (annaResult.ExitCode is not (0 or 1))
                output.WriteLine($"  trial {i + 1}: annactl exited {annaResult.ExitCode}: {annaResult.Excerpt(300)}");
            if (systemdResult.ExitCode is not (0 or 1 or 3))
                output.WriteLine($"  trial {i + 1}: systemctl exited {systemdResult.ExitCode}: {systemdResult.Excerpt(300)}");
            cli.Add(annaTime);
            systemctl.Add(systemdTime);
        }
        output.WriteLine($"annactl status            {new LatencySummary(cli).Format()}");
        output.WriteLine($"systemctl --user status   {new LatencySummary(systemctl).Format()}");
        return 0;
    }

    private static async Task<(TimeSpan, ProcessResult)> TimeAsync(Func<Task<ProcessResult>> run)
    {
        var clock = Stopwatch.StartNew();
        var result = await run();
        return (clock.Elapsed, result);
    }
}
