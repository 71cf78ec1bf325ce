using System.ComponentModel;
using System.Text.RegularExpressions;
using Anna.Core.Linux.Processes;

namespace Anna.Core.Linux.Journal;

/// <summary>
/// journald's disk usage through journalctl, with argument lists only (the vacuum itself moves
/// files into quarantine: <see cref="JournalVacuumSelection"/>). Every
/// failure — no journalctl, no journal files, an unexpected answer — becomes a reason in words,
/// never an exception, so a machine without journald simply has no journal to look after.
/// </summary>
public sealed partial class JournalControl(ProcessRunner runner, string program = "journalctl")
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task<JournalUsage> DiskUsageAsync(CancellationToken cancellationToken)
    {
        var result = await TryRunAsync(["--disk-usage"], cancellationToken);
        if (result.Error is { } error)
            return JournalUsage.Unknown(error);
        return Interpret(result.Output!);
    }

    /// <summary>Reads journalctl --disk-usage output ("… take up 1.2G in the file system.").</summary>
    public static JournalUsage Interpret(ProcessResult result)
    {
        var text = result.StandardOutput + "\n" + result.StandardError;
        if (result.TimedOut)
            return JournalUsage.Unknown("journalctl --disk-usage did not answer in time");
        if (result.ExitCode != 0)
            return JournalUsage.Unknown($"journalctl --disk-usage failed (exit {result.ExitCode}): {FirstLine(result.StandardError)}");
        if (text.Contains("No journal files were found", StringComparison.Ordinal))
            return JournalUsage.Unknown("journald keeps no journal files on this machine (it is not running, or logs only to memory)");
        var match = TakeUp().Match(text);
        if (!match.Success || !ByteSize.TryParseSystemd(match.Groups[1].Value, out var bytes))
            return JournalUsage.Unknown($"journalctl --disk-usage said something unexpected: {FirstLine(result.StandardOutput)}");
        return JournalUsage.Known(bytes);
    }

    /// <summary>
    /// The last <paramref name="lines"/> messages of a unit, oldest first, as journald has them; empty
    /// when journald keeps nothing for it or cannot be asked (a machine without journald has no log to show).
    /// </summary>
    public async Task<IReadOnlyList<string>> UnitLinesAsync(string unit, int lines, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(unit);
        ArgumentOutOfRangeException.ThrowIfLessThan(lines, 1);
        // "--unit=" keeps a unit name that starts with '-' from being read as an option.
        var result = await TryRunAsync(
            [$"--unit={unit}", "--lines", lines.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", "cat", "--no-pager", "--quiet"],
            cancellationToken);
        if (result.Output is not { ExitCode: 0, TimedOut: false } output)
            return [];
        return [.. output.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l != "-- No entries --")
            .TakeLast(lines)];
    }

    private async Task<(ProcessResult? Output, string? Error)> TryRunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            return (await runner.RunAsync(program, arguments, Timeout, cancellationToken), null);
        }
        catch (Win32Exception e)
        {
            return (null, $"journalctl is not installed or cannot run here ({e.Message})");
        }
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "(no output)";

    [GeneratedRegex(@"take up ([0-9.]+[BKMGTP]?) in")]
    private static partial Regex TakeUp();
}
