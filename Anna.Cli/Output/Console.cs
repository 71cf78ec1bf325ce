using System.Text.Json;

namespace Anna.Cli.Output;

/// <summary>
/// Where a command writes: plain text for people (no pager, no colour, stable wording), or with
/// <c>-o json</c> exactly the JSON the API answered, for scripts.
/// </summary>
internal sealed class CliOutput(TextWriter writer, bool json)
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public bool Json { get; } = json;

    public TextWriter Text => writer;

    public void Line(string text = "") => writer.WriteLine(text);

    public void Raw(JsonElement body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Indented))
            body.WriteTo(json);
        writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
