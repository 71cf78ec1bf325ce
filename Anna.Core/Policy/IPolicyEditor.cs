namespace Anna.Core.Policy;

/// <summary>
/// The one way to change the policy while Anna runs, shared by the REST API and the dashboard so
/// that both check values by the same rules and write healing.toml the same way. The host's
/// implementation validates with the file's own parser, writes the file atomically keeping the
/// user's comments, and reloads it; when anything is wrong nothing is written.
/// </summary>
public interface IPolicyEditor
{
    /// <summary>
    /// Applies <paramref name="update"/> on top of the policy in force (the last good one when the
    /// file on disk was rejected, which the edit then replaces). The edit is journaled as an action
    /// of its own, undoable, with <paramref name="requestedBy"/> as who asked.
    /// </summary>
    Task<PolicyEditResult> EditAsync(PolicyUpdate update, string requestedBy, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="EditAsync(PolicyUpdate, string, CancellationToken)"/>, with <paramref name="why"/> kept in
    /// the history row beside who asked: an edit Anna makes by itself (a learned window) says what it stands on.
    /// </summary>
    Task<PolicyEditResult> EditAsync(PolicyUpdate update, string requestedBy, string why, CancellationToken cancellationToken) =>
        EditAsync(update, requestedBy, cancellationToken);
}
