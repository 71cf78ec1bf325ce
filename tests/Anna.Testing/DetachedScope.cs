using Anna.Core.Rollback;

namespace Anna.Testing;

/// <summary>
/// A scope for driving one action directly, outside the engine: its steps stay in memory and its
/// backups and quarantine go to a directory of its own under the temp directory (made only when
/// used; <see cref="Delete"/> removes it).
/// </summary>
public static class DetachedScope
{
    public static ActionScope Create(long journalId = 1) =>
        ActionScope.Detached(new RollbackStorage(Path.Combine(Path.GetTempPath(), $"anna-scope-{Guid.NewGuid():N}")), journalId);

    public static void Delete(ActionScope scope)
    {
        if (Directory.Exists(scope.Storage.DataDirectory))
            Directory.Delete(scope.Storage.DataDirectory, recursive: true);
    }
}
