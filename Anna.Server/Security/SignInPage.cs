namespace Anna.Server.Security;

/// <summary>What a browser that is not signed in sees instead of the dashboard.</summary>
internal static class SignInPage
{
    public const string Html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Anna — sign in</title>
        <meta name="viewport" content="width=device-width, initial-scale=1"></head>
        <body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.5">
        <h1>Sign in to Anna</h1>
        <p>Anna has no passwords. On this machine, as the user you want to sign in as, run</p>
        <pre>annactl dashboard</pre>
        <p>and open the one-time link it prints within 60 seconds. Your role (viewer, operator or admin)
        comes from your Unix groups.</p>
        </body></html>
        """;
}
