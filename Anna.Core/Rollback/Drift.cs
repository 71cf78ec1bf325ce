namespace Anna.Core.Rollback;

/// <summary>
/// Something on the machine changed after the action, so undoing it would overwrite a change
/// Anna did not make. <paramref name="FileOnly"/> drifts may be overridden with force.
/// </summary>
/// <param name="Subject">The file, unit or package that drifted.</param>
/// <param name="Reason">What changed, e.g. both hashes.</param>
public sealed record Drift(string Subject, string Reason, bool FileOnly)
{
    public override string ToString() => $"{Subject}: {Reason}";
}
