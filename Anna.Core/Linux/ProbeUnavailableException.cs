namespace Anna.Core.Linux;

/// <summary>A probe that cannot look at this machine says so, with why; it is shown as "unsupported", never as a crash.</summary>
public sealed class ProbeUnavailableException(string reason) : Exception(reason)
{
    public string Reason { get; } = reason;
}
