namespace Anna.Core.Linux.Processes;

/// <summary>How a program run ended, with its output (bounded, see <see cref="ProcessRunner"/>).</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>The end of what the program said, for a history entry.</summary>
    public string Excerpt(int maxChars = 2000)
    {
        var text = (StandardOutput + (StandardError.Length > 0 ? "\n" + StandardError : "")).Trim();
        return text.Length <= maxChars ? text : "…" + text[^maxChars..];
    }
}
