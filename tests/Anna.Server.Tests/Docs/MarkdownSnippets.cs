using System.Text.RegularExpressions;
using Anna.Testing;

namespace Anna.Server.Tests.Docs;

/// <summary>
/// Reads every Markdown file of the documentation (README.md and everything under docs/) and hands
/// out its fenced blocks and its annactl command lines, each with the file and line they stand on,
/// so a failing check can say where to look.
/// </summary>
public static partial class MarkdownSnippets
{
    private static readonly string[] ShellLanguages = ["sh", "bash", "console", "shell"];

    /// <summary>The documentation files, relative to the repository root with forward slashes.</summary>
    public static IReadOnlyList<string> Files()
    {
        var docs = Path.Combine(RepositoryRoot.Path, "docs");
        var files = Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        files.Insert(0, "README.md");
        return files;
    }

    /// <summary>Every fenced block of a file; Line is the line of its opening fence (1-based).</summary>
    public static IReadOnlyList<DocSnippet> Blocks(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, file));
        var blocks = new List<DocSnippet>();
        for (var i = 0; i < lines.Length; i++)
        {
            var open = lines[i].TrimStart();
            if (!open.StartsWith("```", StringComparison.Ordinal))
                continue;
            var info = open[3..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var start = i;
            var body = new List<string>();
            for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
                body.Add(lines[i]);
            blocks.Add(new DocSnippet(file, start + 1, info.FirstOrDefault() ?? "", [.. info.Skip(1)], string.Join('\n', body) + "\n"));
        }
        return blocks;
    }

    /// <summary>
    /// Every annactl command line of a file: lines of sh, bash or console blocks that start with
    /// "annactl " (after a "$ " prompt), and `annactl …` code spans in table rows. Line is the line the
    /// command stands on.
    /// </summary>
    public static IReadOnlyList<DocSnippet> AnnactlLines(string file)
    {
        var found = new List<DocSnippet>();
        foreach (var block in Blocks(file).Where(b => ShellLanguages.Contains(b.Language)))
        {
            var lines = block.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.StartsWith("$ ", StringComparison.Ordinal))
                    line = line[2..].TrimStart();
                if (line.StartsWith("annactl ", StringComparison.Ordinal))
                    found.Add(new DocSnippet(file, block.Line + 1 + i, block.Language, [], WithoutComment(line)));
            }
        }
        var all = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, file));
        for (var i = 0; i < all.Length; i++)
        {
            if (!all[i].TrimStart().StartsWith('|'))
                continue;
            foreach (Match span in CodeSpan().Matches(all[i]))
            {
                if (span.Groups[1].Value.StartsWith("annactl ", StringComparison.Ordinal))
                    found.Add(new DocSnippet(file, i + 1, "table", [], span.Groups[1].Value));
            }
        }
        return found;
    }

    /// <summary>The words of a command line as a shell would pass them: split at blanks, quotes kept together.</summary>
    public static IReadOnlyList<string> Words(string line)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        char? quote = null;
        var inWord = false;
        foreach (var c in line)
        {
            if (quote is not null)
            {
                if (c == quote)
                    quote = null;
                else
                    word.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                    words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (quote is not null)
            throw new FormatException($"unclosed {quote} in: {line}");
        if (inWord)
            words.Add(word.ToString());
        return words;
    }

    // "annactl health   # the state" → "annactl health": a comment is the shell's, not annactl's.
    private static string WithoutComment(string line)
    {
        var hash = line.IndexOf(" #", StringComparison.Ordinal);
        return (hash < 0 ? line : line[..hash]).TrimEnd();
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
