using Anna.Core.Engine;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Server.Api;

namespace Anna.Server.Configuration;

/// <summary>
/// Runs a policy write through the action executor: the intent and the backup of the old file
/// are in the journal before the file changes, and the history row ("edit_policy" on the policy
/// file, with what changed and who asked) can be undone like any action — undo writes the old
/// file back and the watcher reloads it.
/// </summary>
public sealed class PolicyEditJournal(ActionExecutor executor, IHealingConfig config, TimeProvider time)
{
    /// <summary>The issue kind of a policy edit's history row: a person's request, not a detected problem.</summary>
    public const string IssueKind = "policy_edit";

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>; returns why not, or null when it was written.</summary>
    /// <param name="why">What the edit stands on, when Anna made it by itself; kept in the row's reason and evidence.</param>
    public async Task<string?> WriteAsync(string path, string text, HealingOptions before, HealingOptions after, string who, string? why = null)
    {
        var now = time.GetUtcNow();
        var changes = PolicyChanges.Between(before, after);
        var issue = new Issue(IssueKind, path, IssueSeverity.Info, $"the policy was edited by {who}",
            why is null
                ? new Dictionary<string, string>(StringComparer.Ordinal) { ["changes"] = string.Join("; ", changes), ["requested_by"] = who }
                : new Dictionary<string, string>(StringComparer.Ordinal) { ["changes"] = string.Join("; ", changes), ["requested_by"] = who, ["why"] = why },
            now, now);
        var action = new EditPolicyAction(path, text, changes);
        var intent = new HistoryEntry
        {
            IssueKind = IssueKind,
            Subject = path,
            Action = action.Name,
            Category = action.Category,
            Risk = action.Risk,
            Policy = config.Current.Policy,
            Decision = DecisionKind.Execute,
            Consent = ConsentLevel.Explicit,
            Reason = why is null ? $"policy edit asked by {who}" : $"policy edit asked by {who}: {why}",
            Outcome = Core.Vocabulary.ActionOutcome.InProgress,
            StartedAt = now,
            ApprovedBy = who,
        };
        var (_, result) = await executor.ExecuteAsync(issue, action, intent);
        return result.Succeeded ? null : result.Detail;
    }
}
