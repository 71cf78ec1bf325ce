using System.Reflection;

namespace Anna.Bench;

/// <summary>Command line: <c>[heal|scan|undo|dashboard|cli|memory|startup|load|kill-drill|history-scale] [--trials N] [--baseline-trials N] [--rate N] [--connections N] [--clients N] [--idle-trials N] [--seed N] [--rows N] [--sessions N] [--db DIR] [--scans N] [--runs N] [--loads N] [--heals N] [--starts N] [--env NAME=VALUE]… [--no-anchor] [--no-startup] [--show-output] [--versus path/to/anna] [--samples FILE] [--minutes N] [--anna path/to/anna.dll]</c>.</summary>
internal sealed record BenchOptions(string Mode, int Trials, int BaselineTrials, int Scans, string AnnaDll, int Runs = 5, int Loads = 12, string? Annactl = null,
    int Heals = 1000, int Starts = 10, bool Anchor = true, int Rate = 500, int Connections = 8, int Clients = 200, int? Seed = null,
    int Rows = 1_000_000, int Sessions = 100_000, string? Db = null, bool Startup = true, string? Samples = null, int? IdleTrials = null, bool ShowOutput = false, string? Versus = null,
    int? Minutes = null)
{
    public const string Usage = "usage: Anna.Bench [heal|scan|undo|dashboard|cli|memory|startup|load|kill-drill|history-scale] [--trials N (>= 1, default 60; kill-drill: rounds; history-scale 20)] " +
        "[--seed N (kill-drill)] [--rate N (load: API requests/s, default 500)] [--connections N (load, default 8)] [--clients N (load: live SignalR clients, default 200)] [--idle-trials N (load: heals on the idle Anna, default --trials)] [--baseline-trials N (default 20)] [--scans N (default 40)] " +
        "[--runs N (undo, default 5)] [--loads N (dashboard first loads, default 12)] [--heals N (memory, default 1000)] [--starts N (startup, default 10)] " +
        "[--env NAME=VALUE (for Anna and the empty app, repeatable; e.g. DOTNET_gcServer=0)] [--no-anchor (memory, startup: skip the empty ASP.NET Core app)] " +
        "[--anna path/to/anna.dll or a published anna executable] [--versus path/to/another anna (startup: its starts alternate with --anna's, on its own store)] [--annactl path/to/annactl (cli)] " +
        "[--rows N (history-scale, default 1000000)] [--sessions N (default 100000)] [--db DIR (a data directory to fill and keep; an already filled one is reused)] [--no-startup (history-scale: reads only)] [--show-output (startup: where each start's time went, as Anna logs it at Debug)] " +
        "[--samples FILE (load: every memory sample, one a second, tab-separated)] [--minutes N (load: stop the loaded heals after N minutes and report what was done)]";

    private static readonly string[] Modes = ["heal", "scan", "undo", "dashboard", "cli", "memory", "startup", "load", "kill-drill", "history-scale"];

    /// <summary>Extra environment for the processes measured (runtime settings to try without a rebuild).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>annactl as built next to the daemon, unless --annactl names another (a published one).</summary>
    public string AnnactlPath => Annactl ?? Path.Combine(Path.GetDirectoryName(AnnaDll)!.Replace("Anna.Server", "Anna.Cli", StringComparison.Ordinal), "annactl");

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions("heal", 60, 20, 40, BuiltAnnaDll());
        if (args.Length > 0 && Modes.Contains(args[0]))
        {
            options = options with { Mode = args[0] };
            args = args[1..];
        }
        var trialsGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--no-anchor")
            {
                options = options with { Anchor = false };
                continue;
            }
            if (args[i] == "--show-output")
            {
                options = options with { ShowOutput = true };
                continue;
            }
            if (args[i] == "--no-startup")
            {
                options = options with { Startup = false };
                continue;
            }
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--trials" => options with { Trials = Count(value) },
                "--rows" => options with { Rows = Count(value) },
                "--sessions" => options with { Sessions = Count(value) },
                "--db" => options with { Db = Path.GetFullPath(value) },
                "--samples" => options with { Samples = Path.GetFullPath(value) },
                "--baseline-trials" => options with { BaselineTrials = Count(value) },
                "--scans" => options with { Scans = Count(value) },
                "--runs" => options with { Runs = Count(value) },
                "--loads" => options with { Loads = Count(value) },
                "--anna" => options with { AnnaDll = Path.GetFullPath(value) },
                "--versus" => options with { Versus = Path.GetFullPath(value) },
                "--annactl" => options with { Annactl = Path.GetFullPath(value) },
                "--heals" => options with { Heals = Count(value) },
                "--starts" => options with { Starts = Count(value) },
                "--rate" => options with { Rate = Count(value) },
                "--connections" => options with { Connections = Count(value) },
                "--clients" => options with { Clients = Count(value) },
                "--idle-trials" => options with { IdleTrials = Count(value) },
                "--seed" => options with { Seed = Count(value) },
                "--minutes" => options with { Minutes = Count(value) },
                "--env" => options with { Environment = WithVariable(options.Environment, value) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            trialsGiven |= args[i] == "--trials";
            i++;
        }
        // Each history read is timed on its own; 20 warm reads give a steady median and p90.
        if (options.Mode == "history-scale" && !trialsGiven)
            options = options with { Trials = 20 };
        // The undo benchmark drives the rollback machinery in-process; the others run the daemon.
        if (options.Mode != "undo" && !File.Exists(options.AnnaDll))
            throw new ArgumentException($"{options.AnnaDll} does not exist; build Anna.Server or pass --anna");
        if (options.Versus is not null && (options.Mode != "startup" || !File.Exists(options.Versus)))
            throw new ArgumentException($"--versus needs the startup mode and an existing anna ({options.Versus})");
        if (options.Minutes is not null && options.Mode != "load")
            throw new ArgumentException("--minutes bounds the load bench's loaded heals; other modes have no time budget");
        return options;
    }

    private static Dictionary<string, string> WithVariable(IReadOnlyDictionary<string, string> environment, string assignment)
    {
        var parts = assignment.Split('=', 2);
        if (parts.Length != 2 || parts[0].Length == 0)
            throw new ArgumentException($"--env '{assignment}' is not NAME=VALUE");
        return new Dictionary<string, string>(environment) { [parts[0]] = parts[1] };
    }

    private static int Count(string text) =>
        int.TryParse(text, out var n) && n >= 1 ? n : throw new ArgumentException($"'{text}' is not a positive count");

    /// <summary>Anna.Server's build output in this build's configuration (recorded at build time).</summary>
    private static string BuiltAnnaDll() =>
        typeof(BenchOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AnnaDll").Value!;
}
