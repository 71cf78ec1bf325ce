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
            foreach (var file in (string[])["annactl.dll", "annactl.runtimeconfig.json", "annactl.deps.json"])
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
}
