using System.CommandLine;
using Anna.Cli.CommandLine;
using Anna.Cli.Output;

namespace Anna.Cli.Commands;

/// <summary><c>annactl dashboard</c>: a one-time sign-in link for you, valid once and for a minute; on a desktop it is also opened.</summary>
internal static class DashboardCommand
{
    public static Command Create(CliSession session)
    {
        var command = new Command("dashboard", "a one-time sign-in link for the dashboard (opened on a desktop)");
        command.SetAction((parse, _) => session.RunAsync(parse, RunAsync));
        return command;
    }

    public static async Task<int> RunAsync(AnnaConnection anna, CliOutput output)
    {
        var link = await anna.PostAsync("/api/v1/auth/login-link");
        if (output.Json)
        {
            output.Raw(link);
            return ExitCodes.Ok;
        }
        output.Line($"Open this link within a minute to sign in as {link.Str("user")} ({link.Str("role")}); it works once:");
        output.Line(link.Str("url"));
        if (Environment.GetEnvironmentVariable("DISPLAY") is { Length: > 0 } || Environment.GetEnvironmentVariable("WAYLAND_DISPLAY") is { Length: > 0 })
            Open(link.Str("url")); // the printed link stands when it cannot be opened
        return ExitCodes.Ok;
    }

    /// <summary>In the desktop's browser (xdg-open, an argument list, no shell); false when there is no xdg-open.</summary>
    public static bool Open(string url)
    {
        try
        {
            using var opener = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("xdg-open") { ArgumentList = { url }, UseShellExecute = false });
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
