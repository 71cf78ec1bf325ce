using Anna.Cli;
using Anna.Cli.Commands;
using Anna.Cli.Output;

// annactl: Anna's command line, a thin client of the REST API over the Unix socket. It decides
// nothing: every command is one or a few API calls, and what Anna decides is what it prints.
return await Cli.RunAsync(args, Console.Out, Console.Error, Console.In, interactive: !Console.IsInputRedirected && !Console.IsOutputRedirected);

namespace Anna.Cli
{
    internal static class Cli
    {
        public const string Help = """
            annactl — Anna's command line (talks to the daemon over its Unix socket; your Unix user decides your role)

            Usage: annactl [-o json] [--socket PATH] COMMAND [options]

              health                          state, issues and numbered suggested fixes
              status                          one line: state, issues, healing on/off
              doctor                          health plus what Anna watches, probe runs and each issue's evidence
              auto-heal [--items 1,2] [--dry-run] [--yes]
                                              heal the chosen fixes (all when --items is absent): dry run first,
                                              then y/N on a terminal; without a terminal it needs --yes
              repair --service NAME           restart a failed service now
              cleanup --cache                 clean the package cache now
              update                          install package updates now
              history [--last N]              the newest actions (default 20)
              rollback --last [N]             undo the newest N actions
              healing enable|disable          switch automatic healing on or off
              healing list                    healable issues, numbered
              healing stats                   success rate, rollbacks, common issues, per day
              healing insights [--days N]     what history teaches (default 30 days): common issues, success
                                              rates, time saved, root causes with the command that fixes them
              healing history [--last N]      as history
              healing undo --last [N] | --action-id ID [--force]
              healing config --show | --policy P | --enable CATEGORY | --disable CATEGORY
                             | --hours 22-4 [--days weekend|weekdays|0,6] | --auto-cleanup
              approvals                       actions waiting for a person
              approve ID... [--session]       approve them (--session: also their category for the session)
              reject ID...                    reject them
              breaker [--reset [SUBJECT]]     circuit breakers; --reset closes one (the global one without SUBJECT)
              audit [--last N]                who did what, through which door (admins)
              dashboard                       a one-time sign-in link for the dashboard
              watch                           follow live events (issues, heals, approvals) until Ctrl+C
              notify                          the desktop agent: show Anna's notices on your desktop, with
                                              [View Details], [Undo] and [Approve] (runs until stopped)
              completion bash|zsh|fish        a shell completion script: source <(annactl completion bash)

            Options: -o json (or --json) prints the API's JSON; --socket PATH (or ANNA_SOCKET) picks the socket,
            default /run/anna/anna.sock.
            Exit codes: 0 done (health/status: HEALTHY); 1 not healthy, or refused or failed;
            2 bad command line (or a value Anna refused); 3 Anna not reachable; 4 your role does not allow it.
            """;

        public static async Task<int> RunAsync(string[] argv, TextWriter stdout, TextWriter stderr, TextReader stdin, bool interactive)
        {
            try
            {
                var args = CliArguments.Parse(argv);
                if (args.Words.Count == 0 || args.Has("--help") || args.Has("-h") || args.Words[0] == "help")
                {
                    await stdout.WriteLineAsync(Help);
                    return args.Words.Count == 0 && !args.Has("--help") && !args.Has("-h") ? ExitCodes.Usage : ExitCodes.Ok;
                }
                var format = args.Value("-o");
                if (args.Has("--json"))
                    format = format is null or "json" ? "json" : throw new UsageException($"--json and -o {format} contradict each other");
                if (format is not (null or "json" or "text"))
                    throw new UsageException($"-o takes json or text, not '{format}'");
                if (args.Words[0] == "completion")
                {
                    args.Value("--socket"); // a script needs no daemon; the socket option is harmless here
                    return CompletionCommand.Run(Only(args, 2), stdout);
                }
                var output = new CliOutput(stdout, format == "json");
                using var anna = new AnnaConnection(AnnaConnection.Resolve(args.Value("--socket")));
                args.Has("--no-pager"); // annactl never pages; accepted for systemctl habits
                return args.Words[0] switch
                {
                    "health" or "status" or "doctor" => await HealthCommand.RunAsync(args.Words[0], Only(args, 1), anna, output),
                    "auto-heal" => await HealCommand.AutoHealAsync(Only(args, 1), anna, output, stdin, interactive),
                    "repair" or "cleanup" or "update" => await HealCommand.NamedAsync(args.Words[0], Only(args, 1), anna, output),
                    "history" => await HistoryCommand.ListAsync(Only(args, 1), anna, output),
                    "rollback" => await HistoryCommand.UndoAsync(Only(args, 1), anna, output),
                    "healing" => await HealingCommand.RunAsync(Only(args, 2), anna, output),
                    "dashboard" => await DashboardCommand.RunAsync(Only(args, 1), anna, output),
                    "notify" => await NotifyCommand.RunAsync(Only(args, 1), anna, output),
                    "watch" => await WatchCommand.RunAsync(Only(args, 1), anna, output),
                    "approvals" => await ApprovalsCommand.ListAsync(Only(args, 1), anna, output),
                    "approve" or "reject" => await ApprovalsCommand.DecideAsync(args.Words[0] == "approve", args.Words.Skip(1).ToList(), args, anna, output),
                    "breaker" => await BreakerCommand.RunAsync(Only(args, 1), anna, output),
                    "audit" => await AuditCommand.RunAsync(Only(args, 1), anna, output),
                    _ => throw new UsageException($"'{args.Words[0]}' is not a command; see 'annactl --help'"),
                };
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

        /// <summary>Refuses stray words after the command (e.g. a value given without its option).</summary>
        private static CliArguments Only(CliArguments args, int words) =>
            args.Words.Count <= words ? args : throw new UsageException($"unexpected '{args.Words[words]}'; see 'annactl --help'");
    }
}
