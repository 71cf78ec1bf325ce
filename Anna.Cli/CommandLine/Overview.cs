using System.CommandLine;
using System.Text;

namespace Anna.Cli.CommandLine;

/// <summary>
/// The one-page overview of annactl, written from the command tree: a synopsis and the description
/// of every command (and of each <c>healing</c> verb), then the options every command takes and the
/// exit codes.
/// </summary>
internal static class Overview
{
    private const int DescriptionColumn = 34;
    private const int Width = 110;

    public static string Text(RootCommand root)
    {
        var text = new StringBuilder();
        text.AppendLine(AnnactlCommand.Summary);
        text.AppendLine();
        text.AppendLine("Usage: annactl [-o json] [--socket PATH] COMMAND [options]");
        text.AppendLine();
        foreach (var command in root.Subcommands.Where(c => !c.Hidden))
        {
            if (command.Subcommands.Count == 0)
                Entry(text, Synopsis(command.Name, command), command.Description);
            foreach (var verb in command.Subcommands.Where(c => !c.Hidden))
                Entry(text, Synopsis($"{command.Name} {verb.Name}", verb), verb.Description);
        }
        text.AppendLine();
        text.AppendLine("Options of every command: -o json (or --json) prints the API's JSON and nothing else; --socket PATH (or");
        text.AppendLine($"ANNA_SOCKET) picks the socket, default {AnnaConnection.DefaultSocket}. 'annactl COMMAND --help' shows one command.");
        text.AppendLine("Colour is used on a terminal only, and never when NO_COLOR is set.");
        text.AppendLine("Exit codes: 0 done (health/status: HEALTHY); 1 not healthy, or refused or failed;");
        text.AppendLine("2 bad command line (or a value Anna refused); 3 Anna not reachable; 4 your role does not allow it.");
        return text.ToString();
    }

    /// <summary>"auto-heal [--items 1,2] [--dry-run] [--yes]": arguments, then options; optional ones in brackets.</summary>
    public static string Synopsis(string name, Command command)
    {
        var parts = new List<string> { name };
        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
            parts.Add(argument.HelpName ?? argument.Name.ToUpperInvariant());
        foreach (var option in command.Options.Where(o => !o.Hidden && !o.Recursive && o is not System.CommandLine.Help.HelpOption))
        {
            var value = option.Arity.MaximumNumberOfValues == 0 || option.ValueType == typeof(bool) ? "" : option.Arity.MinimumNumberOfValues == 0 ? $" [{option.HelpName}]" : $" {option.HelpName}";
            parts.Add(option.Required ? option.Name + value : $"[{option.Name}{value}]");
        }
        return string.Join(' ', parts);
    }

    private static void Entry(StringBuilder text, string synopsis, string? description)
    {
        var lines = Wrap(description ?? "", Width - DescriptionColumn);
        var head = "  " + synopsis;
        if (head.Length + 1 >= DescriptionColumn)
        {
            text.AppendLine(head);
            head = "";
        }
        foreach (var line in lines)
        {
            text.Append(head.PadRight(DescriptionColumn)).AppendLine(line);
            head = "";
        }
    }

    private static List<string> Wrap(string description, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in description.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            line.Append(line.Length > 0 ? " " : "").Append(word);
        }
        lines.Add(line.ToString());
        return lines;
    }
}
