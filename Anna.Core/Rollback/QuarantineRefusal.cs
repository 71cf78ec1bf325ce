namespace Anna.Core.Rollback;

/// <summary>A file that was not quarantined, and why (not a regular file, gone, changed, no room for it, …).</summary>
public sealed record QuarantineRefusal(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}
