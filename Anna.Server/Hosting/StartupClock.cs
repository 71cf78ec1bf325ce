using System.Diagnostics;
using System.Globalization;

namespace Anna.Server.Hosting;

/// <summary>
/// Where start-up time goes: each phase's time since the process started, logged once at Debug
/// when Anna serves (<c>Logging:LogLevel:Anna.Server.Hosting.StartupClock=Debug</c>). Start-up is
/// measured, not guessed; the bench's <c>startup --show-output</c> prints this line.
/// </summary>
internal static class StartupClock
{
    private static readonly Stopwatch SinceMain = Stopwatch.StartNew();
    private static readonly List<(string Phase, long Ms)> Marks = [];

    /// <summary>Notes that <paramref name="phase"/> is done now; the first call (Main) starts the clock.</summary>
    public static void Mark(string phase)
    {
        lock (Marks)
            Marks.Add((phase, SinceMain.ElapsedMilliseconds));
    }

    /// <summary>Logs the phases so far, as milliseconds since the process started (the runtime's own start included).</summary>
    public static void Report(ILogger logger)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
            return;
        // The runtime's start before Main: the kernel's start time has 10 ms steps, enough here.
        using var self = Process.GetCurrentProcess();
        var beforeMain = (long)(DateTime.Now - self.StartTime).TotalMilliseconds - SinceMain.ElapsedMilliseconds;
        string phases;
        lock (Marks)
            phases = string.Join(", ", Marks.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Phase} {beforeMain + m.Ms}")));
        // What the precompiled (ReadyToRun) code did not cover is compiled now, at full optimisation; the time
        // is summed over threads, so it can exceed the wall time.
        logger.LogDebug(
            "Start-up, ms since the process started: {Phases}; JIT: {Methods} methods in {JitMs} ms",
            phases, System.Runtime.JitInfo.GetCompiledMethodCount(), (long)System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds);
    }
}
