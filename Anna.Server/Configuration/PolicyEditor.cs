using Anna.Core.Policy;

namespace Anna.Server.Configuration;

/// <summary>
/// Changes the policy on behalf of the API and the dashboard: validates, writes healing.toml
/// atomically keeping the user's comments, and reloads it, so an edit through either door is the
/// same as an edit by hand followed by the watcher noticing it. Every write is journaled and
/// undoable (<see cref="PolicyEditJournal"/>).
/// </summary>
public sealed partial class PolicyEditor(IHealingConfig config, PolicyEditJournal journal, ILogger<PolicyEditor> logger) : IPolicyEditor, IDisposable
{
    // One edit at a time: each one reads the options the previous one put in force.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Applies <paramref name="update"/> to the policy in force. When the file on disk was rejected,
    /// "in force" is the last good policy, and the bad file is replaced: the person asked for a
    /// policy, and the last good one is what Anna has been running on all along.
    /// </summary>
    public Task<PolicyEditResult> EditAsync(PolicyUpdate update, string requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestedBy);
        return EditAsync(current => PolicyUpdateSettings.Merge(current, update), requestedBy, why: null, cancellationToken);
    }

    public Task<PolicyEditResult> EditAsync(PolicyUpdate update, string requestedBy, string why, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestedBy);
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        return EditAsync(current => PolicyUpdateSettings.Merge(current, update), requestedBy, why, cancellationToken);
    }

    private async Task<PolicyEditResult> EditAsync(Func<HealingOptions, IReadOnlyList<TomlSetting>> change, string requestedBy, string? why, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (config is not HealingConfigFile file || config.Path is not { } path)
                return PolicyEditResult.Refused("Anna runs on built-in defaults without a policy file; there is nothing to write");

            var check = PolicyValidator.Check(change(config.Current));
            if (check.Options is not { } options)
                return PolicyEditResult.Invalid(check.Errors);

            // Anna would refuse to read the file it wrote; say so instead of writing it.
            var exists = File.Exists(path);
            var unsafeFile = exists ? PolicyFileGuard.Check(path) : [];
            if (unsafeFile.Count > 0)
            {
                // Pointing at 1,1 like the same problems found when the file is read.
                var errors = unsafeFile.Select(p => new PolicyEditError(PolicyEditError.FileKey, null, p, 1, 1)).ToList();
                return PolicyEditResult.Refused(string.Join("; ", unsafeFile), errors);
            }

            var current = exists ? await File.ReadAllTextAsync(path, cancellationToken) : "";
            var edit = HealingConfigWriter.Update(current, options, System.IO.Path.GetFileName(path));
            if (!edit.PreservedLayout)
                LogRewritten(logger, path);
            // Journaled with a backup of the old file first; when it fails nothing was replaced.
            // The same text again changes nothing: no write, no journal entry to undo.
            if ((!exists || edit.Text != current) && await journal.WriteAsync(path, edit.Text, config.Current, options, requestedBy, why) is { } failure)
                return PolicyEditResult.Refused(failure);
            LogWritten(logger, path);

            // The watcher will also see the rename and reload again; reading the same file twice is harmless.
            file.Reload();
            return PolicyEditResult.Written();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy file {Path} written through the policy editor")]
    private static partial void LogWritten(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Policy file {Path} could not be edited in place and was rewritten whole; its comments are gone")]
    private static partial void LogRewritten(ILogger logger, string path);
}
