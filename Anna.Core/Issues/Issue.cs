namespace Anna.Core.Issues;

/// <summary>A detected problem on the host.</summary>
/// <param name="Kind">One of <see cref="IssueKind"/>.</param>
/// <param name="Subject">What the problem is about: a unit name, a mount point, …</param>
/// <param name="Summary">One sentence a person can read.</param>
/// <param name="Evidence">Facts that led to the issue (state, result, counters).</param>
public sealed record Issue(
    string Kind,
    string Subject,
    IssueSeverity Severity,
    string Summary,
    IReadOnlyDictionary<string, string> Evidence,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen)
{
    /// <summary>Identity of the issue: the same kind on the same subject is the same issue.</summary>
    public string Key => KeyOf(Kind, Subject);

    /// <summary>The key an issue of <paramref name="kind"/> on <paramref name="subject"/> has, for finding one without having it.</summary>
    public static string KeyOf(string kind, string subject) => $"{kind}:{subject}";
}
