using System.Runtime.InteropServices;
using Anna.Bench;

// Replays score Anna's models on data files; they need no daemon.
if (args.Length > 0 && args[0] == "replay")
{
    try
    {
        return args.Length > 1 && args[1] == "nab"
            ? NabReplay.Run(args[2..], Console.Out)
            : throw new ArgumentException("replay: which data? (nab)");
    }
    catch (Exception ex) when (ex is ArgumentException or InvalidDataException or IOException)
    {
        Console.Error.WriteLine(ex.Message);
        Console.Error.WriteLine(NabReplay.Usage);
        return 2;
    }
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

// Ctrl+C and SIGTERM cancel the run; the awaits unwind and every `await using` cleans up.
using var cancel = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    Console.Error.WriteLine("stopping, cleaning up…");
    cancel.Cancel();
}
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

try
{
    return options.Mode switch
    {
        "scan" => await ScanBench.RunAsync(options, Console.Out, cancel.Token),
        "undo" => await UndoBench.RunAsync(options, Console.Out, cancel.Token),
        "dashboard" => await DashboardBench.RunAsync(options, Console.Out, cancel.Token),
        "cli" => await CliBench.RunAsync(options, Console.Out, cancel.Token),
        "memory" => await MemoryBench.RunAsync(options, Console.Out, cancel.Token),
        "startup" => await StartupBench.RunAsync(options, Console.Out, cancel.Token),
        "history-scale" => await HistoryScaleBench.RunAsync(options, Console.Out, cancel.Token),
        _ => await HealLatencyBench.RunAsync(options, Console.Out, cancel.Token),
    };
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
