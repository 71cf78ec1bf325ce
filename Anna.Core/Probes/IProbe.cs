using Anna.Core.Issues;

namespace Anna.Core.Probes;

/// <summary>Looks at one aspect of the host and reports every issue it currently sees there.</summary>
public interface IProbe
{
    string Name { get; }

    /// <summary>The issue kinds this probe owns: after a scan, open issues of these kinds that it did not report are resolved.</summary>
    IReadOnlyList<string> Kinds { get; }

    /// <summary>How often the probe runs; null means the policy's scan_interval.</summary>
    TimeSpan? Interval => null;

    /// <summary>A scan that takes longer is abandoned and reported; the other probes go on.</summary>
    TimeSpan Timeout => TimeSpan.FromSeconds(30);

    /// <summary>
    /// Every issue seen now. Throws <see cref="ProbeUnavailableException"/> when this probe cannot
    /// look at this machine (unsupported distribution, missing tool), with the reason in words.
    /// </summary>
    Task<IReadOnlyList<Issue>> ScanAsync(CancellationToken cancellationToken);
}
