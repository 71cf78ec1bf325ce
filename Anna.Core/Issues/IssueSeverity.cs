namespace Anna.Core.Issues;

/// <summary>How bad an issue is; the worst open issue decides the system state.</summary>
public enum IssueSeverity
{
    Info,
    Warning,
    Critical,
}
