using System.Diagnostics;
using System.Text;

namespace Anna.Core.Linux.Processes;

/// <summary>
/// Runs a program with an argument list — never through a shell — with a timeout, a fixed
/// environment addition and bounded captured output. A program that outlives its timeout is
/// killed with its whole process tree.
/// </summary>
public sealed class ProcessRunner
{
    /// <summary>Output kept per stream; package managers can be chatty and Anna must not grow with them.</summary>
    public const int MaxCapturedChars = 1 << 20;

    public async Task<ProcessResult> RunAsync(
        string program,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null,
        string? standardInput = null,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            // Only for tools that write where they stand (apt-get download); the default is ours.
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // Machine-readable output from every tool, whatever the host's locale.
        start.Environment["LC_ALL"] = "C.UTF-8";
        start.Environment["LANG"] = "C.UTF-8";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = ReadBoundedAsync(process.StandardOutput);
        var stderr = ReadBoundedAsync(process.StandardError);
        if (standardInput is not null)
            await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr, clock.Elapsed, timedOut);
    }

    private static async Task<string> ReadBoundedAsync(StreamReader reader)
    {
        var kept = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            var room = MaxCapturedChars - kept.Length;
            if (room > 0)
                kept.Append(buffer, 0, Math.Min(room, read));
        }
        return kept.ToString();
    }
}
