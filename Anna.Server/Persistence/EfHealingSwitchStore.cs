using Anna.Core.Engine;
using Microsoft.EntityFrameworkCore;

namespace Anna.Server.Persistence;

/// <summary>
/// <see cref="IHealingSwitchStore"/> as the <c>healing_enabled</c> row of <c>settings</c>.
/// No row means nobody ever turned healing off, so it is on: a fresh install heals as its
/// healing.toml says.
/// </summary>
public sealed class EfHealingSwitchStore(IDbContextFactory<AnnaDbContext> contexts, TimeProvider time) : IHealingSwitchStore
{
    public const string Key = "healing_enabled";

    private const string Enabled = "true";
    private const string Disabled = "false";

    public async Task<bool> IsEnabledAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var value = await db.Settings
            .AsNoTracking()
            .Where(s => s.Key == Key)
            .Select(s => s.Value)
            .SingleOrDefaultAsync(cancellationToken);
        return value switch
        {
            null or Enabled => true,
            Disabled => false,
            // Someone edited the file by hand; guessing either way could heal against their will.
            _ => throw new InvalidDataException($"Setting '{Key}' is '{value}' in the store; expected '{Enabled}' or '{Disabled}'."),
        };
    }

    public async Task SetEnabledAsync(bool enabled, string by, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var value = enabled ? Enabled : Disabled;
        var changedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        // One statement, so two people flipping the switch at once leave one whole row.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO settings ("key", value, changed_by, changed_at)
            VALUES ({Key}, {value}, {by}, {changedAt})
            ON CONFLICT ("key") DO UPDATE SET
                value = excluded.value,
                changed_by = excluded.changed_by,
                changed_at = excluded.changed_at
            """,
            cancellationToken);
    }
}
