using Anna.Core.Linux.Processes;

namespace Anna.IntegrationTests.Cli;

/// <summary>The real annactl program, run as a process against one Anna's socket, as its user would.</summary>
internal sealed class Annactl(string socket)
{
    private static readonly ProcessRunner Runner = new();

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "annactl.dll");

    /// <summary>Runs <c>annactl --socket SOCKET args…</c>, optionally as another Unix user (runuser).</summary>
    public async Task<ProcessResult> RunAsync(params string[] args) => await RunAsAsync(null, args);

    /// <summary>
    /// As another user the program must be readable by them, wherever the checkout is (root's home
    /// is not): it then runs from a copy next to the socket.
    /// </summary>
    public async Task<ProcessResult> RunAsAsync(string? user, params string[] args)
    {
        var dll = Dll;
        if (user is not null)
        {
            var copy = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(socket)!, "annactl"));
            copy.UnixFileMode = (UnixFileMode)0b111_101_101;
            foreach (var file in (string[])["annactl.runtimeconfig.json", "annactl.deps.json", .. Assemblies()])
            {
                var target = Path.Combine(copy.FullName, file);
                File.Copy(Path.Combine(AppContext.BaseDirectory, file), target, overwrite: true);
                File.SetUnixFileMode(target, (UnixFileMode)0b110_100_100);
            }
            dll = Path.Combine(copy.FullName, "annactl.dll");
        }
        List<string> argv = [dll, "--socket", socket, .. args];
        return user is null
            ? await Runner.RunAsync("dotnet", argv, TimeSpan.FromSeconds(60), CancellationToken.None)
            : await Runner.RunAsync("runuser", ["-u", user, "--", "dotnet", .. argv], TimeSpan.FromSeconds(60), CancellationToken.None,
                new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = "/tmp", ["HOME"] = "/tmp" });
    }

    /// <summary>
    /// Runs annactl on a pseudo-terminal (script(1) makes one), as a person at a terminal would,
    /// with NO_COLOR set when given; returns what the terminal showed.
    /// </summary>
    public async Task<string> OnTerminalAsync(string? noColor, params string[] args)
    {
        var command = string.Join(' ', ((string[])["dotnet", Dll, "--socket", socket, .. args]).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var environment = new Dictionary<string, string> { ["TERM"] = "xterm-256color", ["SHELL"] = "/bin/sh" };
        if (noColor is not null)
            environment["NO_COLOR"] = noColor;
        var run = await Runner.RunAsync("script", ["-q", "-e", "-c", command, "/dev/null"], TimeSpan.FromSeconds(60), CancellationToken.None, environment);
        return run.StandardOutput;
    }

    /// <summary>annactl's own assembly and every library it loads, as its deps.json lists them.</summary>
    private static IEnumerable<string> Assemblies()
    {
        using var deps = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "annactl.deps.json")));
        foreach (var target in deps.RootElement.GetProperty("targets").EnumerateObject())
        {
            foreach (var library in target.Value.EnumerateObject())
            {
                if (library.Value.TryGetProperty("runtime", out var runtime))
                {
                    foreach (var file in runtime.EnumerateObject())
                        yield return Path.GetFileName(file.Name);
                }
            }
        }
    }
}
