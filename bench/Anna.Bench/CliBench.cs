using System.Diagnostics;
using Anna.Core.Linux.Processes;
using Anna.Core.Linux.Systemd.Sandbox;

namespace Anna.Bench;

/// <summary>
/// How fast <c>annactl health</c> and <c>annactl status</c> answer from a cold process, next to <c>systemctl --user status</c>
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
        // annactl health (two API calls) and status (one), next to systemctl --user status; a trial runs
        // each once, in turn, so that all three see the same machine.
        (string Name, string Program, string[] Arguments, Dictionary<string, string>? Environment)[] commands =
        [
            ("annactl health", annactl, ["--socket", anna.SocketPath, "health"], null),
            ("annactl status", annactl, ["--socket", anna.SocketPath, "status"], null),
            ("systemctl --user status", "systemctl", ["--user", "--no-pager", "status"], systemdEnvironment),
        ];
        var times = commands.Select(_ => new List<TimeSpan>()).ToArray();
        // One of each first, untimed: the page cache holds the programs, as on a machine in use.
        foreach (var command in commands)
            await TimeAsync(() => runner.RunAsync(command.Program, command.Arguments, Timeout, cancellationToken, command.Environment));
        for (var i = 0; i < options.Trials; i++)
        {
            for (var c = 0; c < commands.Length; c++)
            {
                var command = commands[c];
                var (time, result) = await TimeAsync(() => runner.RunAsync(command.Program, command.Arguments, Timeout, cancellationToken, command.Environment));
                // 0 healthy, 1 not (annactl); 3 some unit not running (systemctl): all are answers.
                if (result.ExitCode is not (0 or 1 or 3))
                    output.WriteLine($"  trial {i + 1}: {command.Name} exited {result.ExitCode}: {result.Excerpt(300)}");
                times[c].Add(time);
            }
        }
        for (var c = 0; c < commands.Length; c++)
            output.WriteLine($"{commands[c].Name,-25} {new LatencySummary(times[c]).Format()}");
        return 0;
    }

    private static async Task<(TimeSpan, ProcessResult)> TimeAsync(Func<Task<ProcessResult>> run)
    {
        var clock = Stopwatch.StartNew();
        var result = await run();
        return (clock.Elapsed, result);
    }
}
