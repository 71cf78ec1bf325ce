using Tomlyn.Syntax;

namespace Anna.Server.Configuration;

/// <summary>
/// Finds where keys missing from healing.toml go: at the end of their table when it has a
/// [header], or in a new table section otherwise ([healing] before its sub-tables, the others
/// at the end of the file).
/// </summary>
internal static class TomlTableInserter
{
    /// <summary>
    /// Adds edits for <paramref name="missing"/>; false when a table exists only as dotted keys or
    /// an inline table, where a new line would redefine it.
    /// </summary>
    public static bool TryAdd(string text, DocumentSyntax document, TomlDocumentIndex index,
        IReadOnlyList<TomlSetting> missing, string newline, List<TextEdit> edits)
    {
        var headers = document.Tables.OfType<TableSyntax>()
            .Where(t => t.Name is not null)
            .GroupBy(t => TomlDocumentIndex.KeyPath(t.Name!))
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        foreach (var group in missing.GroupBy(s => s.Table))
        {
            var lines = string.Concat(group.Select(s => $"{s.Name} = {TomlLiteral.Render(s.Value)}{newline}"));
            if (headers.TryGetValue(group.Key, out var header))
            {
                edits.Add(AfterLastLine(text, header, lines, newline));
                continue;
            }
            if (index.Keys.Any(k => k[..k.LastIndexOf('.')] == group.Key))
                return false;

            var section = $"[{group.Key}]{newline}{lines}";
            var firstTable = document.Tables.ChildrenCount > 0 ? document.Tables.GetChild(0) : null;
            if (group.Key == HealingConfigSchema.Healing && firstTable is not null)
                edits.Add(TextEdit.Insert(LineStart(text, firstTable.Span.Start.Offset), section + newline));
            else
                edits.Add(TextEdit.Insert(text.Length, (text.EndsWith('\n') ? "" : newline) + newline + section));
        }
        return true;
    }

    private static TextEdit AfterLastLine(string text, TableSyntax header, string lines, string newline)
    {
        // A key/value span ends on its newline when it has one; the header line ends at the first
        // newline after the name (a comment may follow the name).
        var last = header.Items.ChildrenCount > 0 ? header.Items.GetChild(header.Items.ChildrenCount - 1) : null;
        var end = last is not null
            ? last.Span.End.Offset
            : text.IndexOf('\n', header.Name!.Span.End.Offset) is var eol and >= 0 ? eol : text.Length - 1;
        var offset = Math.Min(end + 1, text.Length);
        return offset > 0 && text[offset - 1] == '\n'
            ? TextEdit.Insert(offset, lines)
            : TextEdit.Insert(offset, newline + lines);
    }

    private static int LineStart(string text, int offset)
    {
        var newline = offset > 0 ? text.LastIndexOf('\n', offset - 1) : -1;
        return newline + 1;
    }
}
