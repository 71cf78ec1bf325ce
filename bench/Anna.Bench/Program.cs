using System.Runtime.InteropServices;
using Anna.Bench;

// Replays score Anna's models on data files; they need no daemon.
if (args.Length > 0 && args[0] is "replay" or "score" or "forecast-corpus" or "forecast-eval")
{
    var forecast = args[0] is "forecast-corpus" or "forecast-eval" || (args.Length > 1 && args[1] == "forecast");
    try
    {
        return (args[0], args.Length > 1 ? args[1] : "") switch
        {
            ("replay", "anomaly") => AnomalyReplay.Run(args[2..], Console.Out),
            ("replay", "nab") => NabReplay.Run(args[2..], Console.Out),
            ("replay", "nab-cv") => NabCrossValidationReplay.Run(args[2..], Console.Out),
            ("replay", "forecast") => ForecastReplay.Replay(args[2..], Console.Out),
            ("score", "forecast") => ForecastReplay.Score(args[2..], Console.Out),
            ("forecast-corpus", _) => ForecastReplay.Corpus(args[1..], Console.Out),
            ("forecast-eval", _) => ForecastReplay.Evaluate(args[1..], Console.Out),
            _ => throw new ArgumentException($"{args[0]}: which data? (replay anomaly, replay nab, replay nab-cv, replay forecast, score forecast)"),
        };
    }
    catch (Exception ex) when (ex is ArgumentException or InvalidDataException or IOException)
    {
        Console.Error.WriteLine(ex.Message);
        Console.Error.WriteLine(forecast ? ForecastReplay.Usage : args.Length > 1 && args[1] == "nab-cv" ? NabCrossValidationReplay.Usage : AnomalyReplay.Usage);
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
        "load" => await LoadBench.RunAsync(options, Console.Out, cancel.Token),
        "kill-drill" => await KillDrillBench.RunAsync(options, Console.Out, cancel.Token),
        "history-scale" => await HistoryScaleBench.RunAsync(options, Console.Out, cancel.Token),
        _ => await HealLatencyBench.RunAsync(options, Console.Out, cancel.Token),
    };
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
