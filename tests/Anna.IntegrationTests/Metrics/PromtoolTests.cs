using Anna.Testing;
using Anna.Core.Linux.Processes;

namespace Anna.IntegrationTests.Metrics;

/// <summary>The shipped Prometheus files, checked and unit-tested by Debian's real promtool.</summary>
public sealed class PromtoolTests
{
    private const string Promtool = "/usr/bin/promtool";

    private static string Deploy => Path.Combine(RepositoryRoot.Path, "deploy", "prometheus");

    [Theory]
    [InlineData("check", "rules", "anna-rules.yml")]
    [InlineData("test", "rules", "anna-rules.test.yml")]
    [InlineData("check", "config", "anna.yml")]
    public async Task Promtool_accepts_the_shipped_file(string verb, string what, string file)
    {
        Assert.True(File.Exists(Promtool), $"{Promtool} is missing: scripts/test.sh installs Debian's prometheus package");
        var result = await new ProcessRunner().RunAsync(Promtool, [verb, what, file], TimeSpan.FromSeconds(60), CancellationToken.None,
            workingDirectory: Deploy);
        Assert.True(result.Succeeded, $"promtool {verb} {what} {file}: exit {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}");
        Assert.Contains("SUCCESS", result.StandardOutput + result.StandardError);
    }

    [Fact]
    public async Task A_broken_alert_test_is_reported_as_a_failure()
    {
        // The check above must be able to fail: the same rules with a wrong expectation.
        var root = Directory.CreateTempSubdirectory("anna-promtool-");
        try
        {
            File.Copy(Path.Combine(Deploy, "anna-rules.yml"), Path.Combine(root.FullName, "anna-rules.yml"));
            var tests = await File.ReadAllTextAsync(Path.Combine(Deploy, "anna-rules.test.yml"));
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "broken.test.yml"), tests.Replace("severity: critical", "severity: page"));
            var result = await new ProcessRunner().RunAsync(Promtool, ["test", "rules", "broken.test.yml"], TimeSpan.FromSeconds(60),
                CancellationToken.None, workingDirectory: root.FullName);
            Assert.NotEqual(0, result.ExitCode);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
