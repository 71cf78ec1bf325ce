using Anna.Cli.Output;

namespace Anna.Cli.Commands;

/// <summary><c>annactl dashboard</c>: a one-time sign-in link for you, valid once and for a minute.</summary>
internal static class DashboardCommand
{
    public static async Task<int> RunAsync(CliArguments args, AnnaConnection anna, CliOutput output)
    {
        args.RejectUnused();
        var link = await anna.PostAsync("/api/v1/auth/login-link");
        if (output.Json)
        {
            output.Raw(link);
            return ExitCodes.Ok;
        }
        output.Line($"Open this link within a minute to sign in as {link.Str("user")} ({link.Str("role")}); it works once:");
        output.Line(link.Str("url"));
        return ExitCodes.Ok;
    }
}
