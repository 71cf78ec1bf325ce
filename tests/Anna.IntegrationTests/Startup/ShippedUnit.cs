using System.Globalization;
using System.Text;
using Anna.IntegrationTests.Crash;
using Anna.Testing;

namespace Anna.IntegrationTests.Startup;

/// <summary>
/// deploy/anna.service as the sandboxed systemd runs it for a test: every [Service] directive the
/// file ships (type, restart, watchdog, hardening), with the test's own program, state and log in
/// place of the installed paths, and the test's directories bound into its private /tmp.
/// </summary>
internal static class ShippedUnit
{
    /// <summary>Directives that name installed paths; the test gives its own.</summary>
    private static readonly string[] Replaced = ["ExecStart=", "Environment=", "StateDirectory", "WorkingDirectory="];

    private static bool InContainer => File.Exists("/.dockerenv") || Environment.GetEnvironmentVariable("container") is { Length: > 0 };

    private static string Shipped => Path.Combine(RepositoryRoot.Path, "deploy", "anna.service");

    /// <param name="unitFile">deploy/anna.service unless given (the unit a package installed).</param>
    public static IReadOnlyList<string> ServiceDirectives(string? unitFile = null)
    {
        var lines = File.ReadAllLines(unitFile ?? Shipped).Select(l => l.Trim());
        var inService = false;
        var kept = new List<string>();
        foreach (var line in lines)
        {
            if (line.StartsWith('['))
                inService = line == "[Service]";
            else if (inService && line.Length > 0 && !line.StartsWith('#') && !Replaced.Any(r => line.StartsWith(r, StringComparison.Ordinal)))
                kept.Add(line);
        }
        return kept;
    }

    /// <param name="visible">Host directories the service must see through its private /tmp (the sandbox's bus, the state).</param>
    /// <param name="overrides">Directives after the shipped ones (a later one wins: a shorter watchdog for a test).</param>
    public static string For(AnnaStateDirectory state, AnnaLaunch launch, string log, IEnumerable<string> visible, params string[] overrides) =>
        Build(Shipped, $"{AnnaServerProcess.DotnetHost()} {Path.Combine(AppContext.BaseDirectory, "anna.dll")}", state.Root, state, launch, log,
            // The checkout too: a build's static web assets are read from it, and one under /tmp (a CI
            // clone) would be hidden by PrivateTmp.
            visible.Append(RepositoryRoot.Path), overrides);

    /// <summary>
    /// An installed unit file with its own program and working directory (a package's), run on the
    /// test's state, socket and bus.
    /// </summary>
    public static string Installed(string unitFile, string program, string workingDirectory, AnnaStateDirectory state, AnnaLaunch launch,
        string log, IEnumerable<string> visible) =>
        Build(unitFile, program, workingDirectory, state, launch, log, visible, []);

    private static string Build(string unitFile, string execStart, string workingDirectory, AnnaStateDirectory state, AnnaLaunch launch,
        string log, IEnumerable<string> visible, string[] overrides)
    {
        var unit = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"[Unit]\nDescription=Anna as {unitFile} runs it\nStartLimitIntervalSec=0\n[Service]");
        foreach (var directive in ServiceDirectives(unitFile))
        {
            // Inside a Docker container the manager cannot hide the kernel log from a service (the unit
            // fails to start); on a host it can, and deploy/anna.service keeps it.
            if (directive == "ProtectKernelLogs=yes" && InContainer)
                continue;
            unit.AppendLine(directive);
        }
        unit.AppendLine(CultureInfo.InvariantCulture, $"ExecStart={execStart} --urls http://127.0.0.1:0")
            .AppendLine(CultureInfo.InvariantCulture, $"WorkingDirectory={workingDirectory}")
            .AppendLine(CultureInfo.InvariantCulture, $"StandardOutput=append:{log}\nStandardError=append:{log}")
            .AppendLine(CultureInfo.InvariantCulture, $"BindPaths={string.Join(' ', visible.Prepend(state.Root))}")
            .AppendLine("TimeoutStartSec=60");
        foreach (var (key, value) in launch.Environment(state))
            unit.AppendLine(CultureInfo.InvariantCulture, $"Environment=\"{key}={value}\"");
        foreach (var directive in overrides)
            unit.AppendLine(directive);
        return unit.ToString();
    }
}
