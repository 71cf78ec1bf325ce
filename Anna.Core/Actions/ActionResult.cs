namespace Anna.Core.Actions;

/// <summary>What running (or dry-running) an action did, in words.</summary>
public sealed record ActionResult(bool Succeeded, string Detail)
{
    public static ActionResult Ok(string detail) => new(true, detail);

    public static ActionResult Fail(string detail) => new(false, detail);
}
