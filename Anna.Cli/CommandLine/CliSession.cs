using System.CommandLine;
using Anna.Cli.Output;

namespace Anna.Cli.CommandLine;

/// <summary>
/// One run of annactl: where it reads and writes, whether a person sits at a terminal, and the
/// global options. Every command's action goes through <see cref="RunAsync"/>, which makes the
/// output and the connection to Anna the same way for all of them.
/// </summary>
internal sealed class CliSession(TextWriter stdout, TextReader stdin, bool interactive, bool terminal)
{
    public GlobalOptions Global { get; } = new();

    public TextWriter Stdout => stdout;

    public TextReader Stdin => stdin;

    /// <summary>A person can answer a y/N prompt (stdin and stdout are a terminal).</summary>
    public bool Interactive => interactive;

    public CliOutput Output(ParseResult parse) => new(stdout, Global.WantsJson(parse), terminal);

    public async Task<int> RunAsync(ParseResult parse, Func<AnnaConnection, CliOutput, Task<int>> command)
    {
        var output = Output(parse);
        using var anna = new AnnaConnection(AnnaConnection.Resolve(parse.GetValue(Global.Socket)));
        return await command(anna, output);
    }
}
