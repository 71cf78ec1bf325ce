using Anna.Core.Issues;

namespace Anna.Core.Probes;

/// <summary>Looks at one aspect of the host and reports every issue it currently sees there.</summary>
public interface IProbe
{
    string Name { get; }

    /// <summary>The issue kinds this probe owns: after a scan, open issues of these kinds that it did not report are resolved.</summary>
    IReadOnlyList<string> Kinds { get; }

    Task<IReadOnlyList<Issue>> ScanAsync(CancellationToken cancellationToken);
}
