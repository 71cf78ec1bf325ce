using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Anna.Cli.Output;

/// <summary>
/// Where a command writes: for people, text with tables and colour on a terminal (no colour when
/// <c>NO_COLOR</c> is set) and plain, unwrapped lines when piped, so that grep and awk see whole
/// rows; with <c>-o json</c> exactly the JSON the API answered, for scripts. Values from Anna are
/// always written as text, never read as markup.
/// </summary>
internal sealed class CliOutput
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>Piped output is never wrapped: a row is one line however long.</summary>
    private const int PipedWidth = 4096;

    private readonly TextWriter _writer;
    private readonly bool _terminal;

    public CliOutput(TextWriter writer, bool json, bool terminal)
    {
        _writer = writer;
        _terminal = terminal;
        Json = json;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!terminal)
            Console.Profile.Width = PipedWidth;
    }

    public bool Json { get; }

    public TextWriter Text => _writer;

    /// <summary>Tables, colour and spinners; plain when not on a terminal.</summary>
    public IAnsiConsole Console { get; }

    public void Line(string text = "") => _writer.WriteLine(text);

    /// <summary>A line with one part coloured by what it says (a state, an outcome, a risk).</summary>
    public void Line(string before, string word, string after = "")
    {
        if (!_terminal)
        {
            _writer.WriteLine(before + word + after);
            return;
        }
        _writer.Flush();
        Console.Write(new Paragraph().Append(before).Append(word, Tone.Of(word)).Append(after + "\n"));
    }

    /// <summary>A table: rounded borders on a terminal, space-separated columns with a header row when piped.</summary>
    public Table Table(params string[] columns)
    {
        var table = new Table { Border = _terminal ? TableBorder.Rounded : TableBorder.None, ShowRowSeparators = false };
        foreach (var column in columns)
            table.AddColumn(new TableColumn(new Text(column, new Style(decoration: Decoration.Bold))) { NoWrap = !_terminal });
        return table;
    }

    /// <summary>A table cell: the value as text, coloured when it names a state, outcome or risk.</summary>
    public static IRenderable Cell(string value) => new Text(value, Tone.Of(value));

    public void Write(IRenderable renderable)
    {
        _writer.Flush();
        Console.Write(renderable);
    }

    public void Raw(JsonElement body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Indented))
            body.WriteTo(json);
        _writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
