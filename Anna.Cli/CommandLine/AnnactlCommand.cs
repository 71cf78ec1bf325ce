using System.CommandLine;
using System.CommandLine.Help;
using Anna.Cli.Commands;

namespace Anna.Cli.CommandLine;

/// <summary>
/// annactl's whole command tree: every command, its options and what it runs. Parsing, per-command
/// help, refusals of what does not fit and shell completion all come from this one tree, so none of
/// them can disagree with another.
/// </summary>
internal static class AnnactlCommand
{
    public const string Summary = "annactl — Anna's command line (talks to the daemon over its Unix socket; your Unix user decides your role)";

    public static RootCommand Create(CliSession session)
    {
        var root = new RootCommand(Summary);
        session.Global.AddTo(root);
        foreach (var command in HealthCommand.Create(session))
            root.Subcommands.Add(command);
        root.Subcommands.Add(HealCommand.CreateAutoHeal(session));
        root.Subcommands.Add(HealCommand.CreateRepair(session));
        root.Subcommands.Add(HealCommand.CreateCleanup(session));
        root.Subcommands.Add(HealCommand.CreateUpdate(session));
        root.Subcommands.Add(HistoryCommand.CreateHistory(session, "history"));
        root.Subcommands.Add(HistoryCommand.CreateUndo(session, "rollback"));
        root.Subcommands.Add(HealingCommand.Create(session));
        root.Subcommands.Add(ApprovalsCommand.CreateList(session));
        root.Subcommands.Add(ApprovalsCommand.CreateDecide(session, approve: true));
        root.Subcommands.Add(ApprovalsCommand.CreateDecide(session, approve: false));
        root.Subcommands.Add(BreakerCommand.Create(session));
        root.Subcommands.Add(AuditCommand.Create(session));
        root.Subcommands.Add(DashboardCommand.Create(session));
        root.Subcommands.Add(WatchCommand.Create(session));
        root.Subcommands.Add(NotifyCommand.Create(session));
        root.Subcommands.Add(CompletionCommand.Create(session));

        var help = root.Options.OfType<HelpOption>().Single();
        // -h and --help, as on Linux; not the Windows spellings, which completion would offer too.
        foreach (var alias in help.Aliases.Where(a => a is "-?" or "/?" or "/h").ToList())
            help.Aliases.Remove(alias);
        help.Action = new OverviewHelpAction(root, session.Stdout);
        return root;
    }
}
