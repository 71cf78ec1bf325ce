namespace Anna.Server.Tests.Docs;

/// <summary>
/// A piece of a Markdown file the documentation tests hold to the code: a fenced block (its
/// language and info words, its text) or one line of it, with the file and line it starts on.
/// </summary>
public sealed record DocSnippet(string File, int Line, string Language, IReadOnlyList<string> Info, string Text)
{
    /// <summary>"docs/user-guide/HEALING.md:42", the place a failure names.</summary>
    public string Where => $"{File}:{Line}";
}
