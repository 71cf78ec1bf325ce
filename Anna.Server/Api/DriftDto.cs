using Anna.Core.Rollback;

namespace Anna.Server.Api;

/// <summary>Something that changed since the action (e.g. a file's hash then and now); fileOnly drifts yield to force.</summary>
public sealed record DriftDto(string Subject, string Reason, bool FileOnly)
{
    public static DriftDto From(Drift d) => new(d.Subject, d.Reason, d.FileOnly);
}
