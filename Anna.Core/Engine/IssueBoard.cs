using Anna.Core.Sessions;
using System.Collections.Concurrent;
using Anna.Core.Issues;

namespace Anna.Core.Engine;

/// <summary>The set of currently open issues, keyed by <see cref="Issue.Key"/>. Thread-safe.</summary>
public sealed class IssueBoard
{
    private readonly ConcurrentDictionary<string, IssueView> _open = new(StringComparer.Ordinal);

    public IReadOnlyList<IssueView> Open =>
        _open.Values.OrderByDescending(v => v.Issue.Severity).ThenBy(v => v.Issue.FirstSeen).ToList();

    public SystemState State => StateOf(_open.Values.Select(v => v.Issue.Severity));

    /// <summary>Adds or refreshes an issue, keeping its first-seen time. Returns true when it is new.</summary>
    public bool Upsert(IssueView view, out IssueView stored)
    {
        var isNew = false;
        stored = _open.AddOrUpdate(
            view.Issue.Key,
            _ => { isNew = true; return view; },
            (_, old) => view with { Issue = view.Issue with { FirstSeen = old.Issue.FirstSeen } });
        return isNew;
    }

    public bool TryGet(string key, out IssueView? view) => _open.TryGetValue(key, out view);

    public bool Remove(string key, out IssueView? removed) => _open.TryRemove(key, out removed);

    public IReadOnlyList<IssueView> OfKind(string kind) => _open.Values.Where(v => v.Issue.Kind == kind).ToList();

    public static SystemState StateOf(IEnumerable<IssueSeverity> severities)
    {
        var state = SystemState.Healthy;
        foreach (var severity in severities)
        {
            if (severity == IssueSeverity.Critical)
                return SystemState.Critical;
            if (severity == IssueSeverity.Warning)
                state = SystemState.Degraded;
        }
        return state;
    }
}
