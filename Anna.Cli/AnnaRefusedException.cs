namespace Anna.Cli;

/// <summary>Anna answered with an error; <see cref="ExitCode"/> says which kind.</summary>
internal sealed class AnnaRefusedException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
