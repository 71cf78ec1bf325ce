namespace Anna.Cli.Commands;

/// <summary>What <c>annactl healing config</c> was asked: <c>--show</c>, or exactly one change.</summary>
internal sealed record ConfigChange(bool Show, string? Policy, string? Enable, string? Disable, string? Hours, string? Days, bool AutoCleanup, bool LearnedWindow);
