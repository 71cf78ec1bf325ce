using System.CommandLine;
using Anna.Cli.CommandLine;

namespace Anna.Cli;

/// <summary>
/// One run of annactl: parse with the command tree, refuse a wrong command line with exit 2 before
/// anything is asked of Anna, then run the command and turn Anna's refusals into exit codes.
/// </summary>
internal static class Cli
{
    public static async Task<int> RunAsync(string[] argv, TextWriter stdout, TextWriter stderr, TextReader stdin, bool interactive, bool terminal = false)
    {
        var session = new CliSession(stdout, stdin, interactive, terminal);
        var root = AnnactlCommand.Create(session);
        if (argv.Length == 0)
        {
            await stdout.WriteAsync(Overview.Text(root));
            return ExitCodes.Usage;
        }
        var parse = root.Parse(argv);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                await stderr.WriteLineAsync($"annactl: {error.Message}");
            await stderr.WriteLineAsync($"See 'annactl {string.Join(' ', CommandPath(parse))} --help'.".Replace("  ", " ", StringComparison.Ordinal));
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"annactl: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (AnnaRefusedException ex)
        {
            await stderr.WriteLineAsync($"annactl: {ex.Message}");
            return ex.ExitCode;
        }
    }

    /// <summary>The command words the line reached ("healing undo"), for pointing at the right help.</summary>
    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var words = new Stack<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
            words.Push(result.Command.Name);
        return words;
    }
}
