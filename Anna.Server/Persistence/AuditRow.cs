namespace Anna.Server.Persistence;

/// <summary>A row of <c>audit</c>: one state change, sign-in or refusal. Rows are only ever added.</summary>
public sealed class AuditRow
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The Unix user or token name; <c>anonymous</c> when nobody could be identified.</summary>
    public required string Who { get; set; }
    public required string Role { get; set; }
    public required string Door { get; set; }
    /// <summary>Method and route, e.g. <c>POST /api/v1/healing/disable</c>.</summary>
    public required string Action { get; set; }
    /// <summary>What it was about, when the path names it (an id, a unit).</summary>
    public string? Target { get; set; }
    public int Status { get; set; }
    public string? Peer { get; set; }
}
