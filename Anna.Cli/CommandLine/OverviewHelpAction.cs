using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Anna.Cli.CommandLine;

/// <summary>
/// <c>annactl --help</c>: every command on one page, the way a manual page lists them (the package's
/// <c>annactl.1</c> is made from it); <c>annactl COMMAND --help</c> is the library's help of that command.
/// </summary>
internal sealed class OverviewHelpAction(RootCommand root, TextWriter output) : SynchronousCommandLineAction
{
    private readonly HelpAction _perCommand = new();

    public override int Invoke(ParseResult parseResult)
    {
        if (parseResult.CommandResult.Command != root)
            return _perCommand.Invoke(parseResult);
        output.Write(Overview.Text(root));
        return ExitCodes.Ok;
    }
}
