using Tomlyn.Syntax;

namespace Anna.Server.Configuration;

/// <summary>One replacement in a text: <see cref="Length"/> characters at <see cref="Offset"/> become <see cref="Text"/>.</summary>
internal sealed record TextEdit(int Offset, int Length, string Text)
{
    /// <summary>Replaces a node; Tomlyn spans end on their last character, inclusive.</summary>
    public static TextEdit Replace(SourceSpan span, string text) =>
        new(span.Start.Offset, span.End.Offset - span.Start.Offset + 1, text);

    public static TextEdit Insert(int offset, string text) => new(offset, 0, text);

    /// <summary>
    /// Applies non-overlapping edits. Inserts at the same offset keep the order they were added in.
    /// </summary>
    public static string ApplyAll(string text, IReadOnlyList<TextEdit> edits)
    {
        var builder = new System.Text.StringBuilder(text.Length + 64);
        var position = 0;
        foreach (var edit in edits.Select((e, i) => (Edit: e, Order: i)).OrderBy(p => p.Edit.Offset).ThenBy(p => p.Order).Select(p => p.Edit))
        {
            if (edit.Offset < position)
                throw new InvalidOperationException("overlapping edits");
            builder.Append(text, position, edit.Offset - position).Append(edit.Text);
            position = edit.Offset + edit.Length;
        }
        return builder.Append(text, position, text.Length - position).ToString();
    }
}
