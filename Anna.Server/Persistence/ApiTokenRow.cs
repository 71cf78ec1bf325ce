namespace Anna.Server.Persistence;

/// <summary>
/// A row of <c>api_tokens</c>. The token itself is never stored: only its SHA-256, which is enough
/// to recognise a token of 256 random bits and useless to whoever reads the file.
/// </summary>
public sealed class ApiTokenRow
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public required string Hash { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
