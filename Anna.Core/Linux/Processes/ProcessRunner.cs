using System.Diagnostics;
using System.Text;

namespace Anna.Core.Linux.Processes;

/// <summary>
/// Runs a program with an argument list — never through a shell — with a timeout, a fixed
/// environment addition and bounded captured output. The timeout covers the whole run, output
/// included: a program that outlives it is killed with its process tree, and output still held open
/// after the program exited (by a daemon it started) is read for a moment and then left behind.
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
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var stdout = new BoundedText();
        var stderr = new BoundedText();
        var timedOut = false;
        int exitCode;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var reading = Task.WhenAll(ReadAsync(process.StandardOutput, stdout), ReadAsync(process.StandardError, stderr));
        try
        {
            try
            {
                if (standardInput is not null)
                    await process.StandardInput.WriteAsync(standardInput.AsMemory(), deadline.Token);
                process.StandardInput.Close();
                await process.WaitForExitAsync(deadline.Token);
                // The program is done; its output ends when the last holder of the pipes closes them. A
                // daemon it started (an install script's, `setsid … &`) may hold them for ever: after a
                // short drain, what was read is the output and the pipes are left behind.
                await reading.WaitAsync(DrainTime, deadline.Token);
            }
            catch (TimeoutException)
            {
                // Exited, but someone else still holds the output open: abandoned below.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                timedOut = !cancellationToken.IsCancellationRequested;
                await KillAsync(process);
            }
            exitCode = process.HasExited ? process.ExitCode : -1;
        }
        finally
        {
            // Left behind when someone else holds them: our ends are closed so no descriptor stays with
            // us for as long as that daemon lives; the reads' outcome no longer matters.
            _ = reading.ContinueWith(t => t.Exception, TaskScheduler.Default);
            if (!reading.IsCompleted)
            {
                process.StandardOutput.BaseStream.Dispose();
                process.StandardError.BaseStream.Dispose();
            }
            process.Dispose();
        }
        cancellationToken.ThrowIfCancellationRequested();
        return new ProcessResult(exitCode, stdout.Text, stderr.Text, clock.Elapsed, timedOut);
    }

    /// <summary>Kills the program and what it started, and waits for it a bounded time (a child stuck in the kernel may not die at once).</summary>
    private static async Task KillAsync(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(DrainTime);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile.
        }
        catch (TimeoutException)
        {
            // Still dying (stuck in the kernel): reported as timed out; its exit code is not waited for.
        }
    }

    /// <summary>How long output may keep coming after the program exited (or was killed).</summary>
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(1);

    private static async Task ReadAsync(StreamReader reader, BoundedText into)
    {
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
            into.Append(buffer.AsSpan(0, read));
    }

    /// <summary>Captured output, readable while it is still being written (when the pipes are abandoned).</summary>
    private sealed class BoundedText
    {
        private readonly StringBuilder _kept = new();
        private readonly Lock _gate = new();

        public void Append(ReadOnlySpan<char> chars)
        {
            lock (_gate)
            {
                var room = MaxCapturedChars - _kept.Length;
                if (room > 0)
                    _kept.Append(chars[..Math.Min(room, chars.Length)]);
            }
        }

        public string Text
        {
            get
            {
                lock (_gate)
                    return _kept.ToString();
            }
        }
    }
}
