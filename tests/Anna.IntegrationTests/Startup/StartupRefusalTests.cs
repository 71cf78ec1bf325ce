using System.Diagnostics;
using Anna.Core.Linux.Processes;
using Anna.Testing;

namespace Anna.IntegrationTests.Startup;

/// <summary>The real anna binary refuses to start on a bad or unsafe policy file, saying exactly why.</summary>
public sealed class StartupRefusalTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("anna-startup-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task A_bad_policy_file_stops_start_up_with_every_error_and_its_position()
    {
        var policy = WritePolicy("[healing]\npolicy = \"yolo\"\nmax_actions_per_session = 0\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (exitCode, stderr) = await RunAnnaAsync(policy);

        Assert.Equal(2, exitCode);
        Assert.Contains("healing.toml(2,10): healing.policy", stderr);
        Assert.Contains("healing.toml(3,27): healing.max_actions_per_session", stderr);
    }

    [Fact]
    public async Task A_policy_file_writable_by_others_is_refused()
    {
        var policy = WritePolicy("[healing]\npolicy = \"supervised\"\n",
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);

        var (exitCode, stderr) = await RunAnnaAsync(policy);

        Assert.Equal(2, exitCode);
        Assert.Contains("writable", stderr);
    }

    [RootFact]
    public async Task A_data_directory_on_a_read_only_filesystem_stops_start_up_saying_so()
    {
        var policy = WritePolicy("[healing]\npolicy = \"supervised\"\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var data = Directory.CreateDirectory(Path.Combine(_root.FullName, "data")).FullName;
        var mount = await new ProcessRunner().RunAsync("mount", ["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", data], TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(mount.Succeeded, mount.Excerpt());
        try
        {
            var (exitCode, stderr) = await RunAnnaAsync(policy);

            Assert.Equal(2, exitCode);
            Assert.Contains($"Anna cannot open its store {Path.Combine(data, "anna.db")}: its filesystem is read-only", stderr);
            Assert.DoesNotContain("Unhandled exception", stderr);
        }
        finally
        {
            await new ProcessRunner().RunAsync("umount", [data], TimeSpan.FromSeconds(30), CancellationToken.None);
        }
    }

    private string WritePolicy(string text, UnixFileMode mode)
    {
        var path = Path.Combine(_root.FullName, "healing.toml");
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    private async Task<(int ExitCode, string Stderr)> RunAnnaAsync(string policy)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = _root.FullName,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "anna.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ANNA__HealingConfig"] = policy;
        start.Environment["ANNA__DataDir"] = Path.Combine(_root.FullName, "data");
        start.Environment["ANNA__Socket"] = Path.Combine(_root.FullName, "anna.sock");
        start.Environment["ANNA__Systemd__BusAddress"] = $"unix:path={Path.Combine(_root.FullName, "no-bus")}";
        using var anna = Process.Start(start)!;
        var stderr = anna.StandardError.ReadToEndAsync();
        var stdout = anna.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await anna.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            anna.Kill(entireProcessTree: true);
            throw new TimeoutException($"anna did not exit on a bad policy file; stdout: {await stdout}");
        }
        return (anna.ExitCode, await stderr);
    }
}
