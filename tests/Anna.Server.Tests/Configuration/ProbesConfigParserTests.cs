using Anna.Core.Policy;
using Anna.Server.Configuration;

namespace Anna.Server.Tests.Configuration;

public sealed class ProbesConfigParserTests
{
    private const string FileName = "healing.toml";

    [Fact]
    public void Probe_tables_set_every_value()
    {
        const string text = """
            [probes.disk]
            warning_percent = 70
            critical_percent = 90
            inode_warning_percent = 60
            inode_critical_percent = 99

            [probes.logs]
            paths = ["/var/log", "/srv/app/logs"]
            max_file_mb = 5
            max_age_days = 7
            journal_max_mb = 256

            [probes.memory]
            available_warning_percent = 20
            available_critical_percent = 3
            psi_some_avg10_warning = 12.5
            """;

        var probes = ParseOk(text).Probes;

        Assert.Equal(new DiskProbeOptions { WarningPercent = 70, CriticalPercent = 90, InodeWarningPercent = 60, InodeCriticalPercent = 99 }, probes.Disk);
        Assert.Equal(["/var/log", "/srv/app/logs"], probes.Logs.Paths);
        Assert.Equal((5, 7, 256), (probes.Logs.MaxFileMegabytes, probes.Logs.MaxAgeDays, probes.Logs.JournalMaxMegabytes));
        Assert.Equal(new MemoryProbeOptions { AvailableWarningPercent = 20, AvailableCriticalPercent = 3, PsiSomeAvg10Warning = 12.5 }, probes.Memory);
    }

    [Fact]
    public void Missing_probe_tables_mean_defaults()
    {
        var probes = ParseOk("[healing]\npolicy = \"manual\"\n").Probes;

        Assert.Equal(new DiskProbeOptions(), probes.Disk);
        Assert.Equal(["/var/log"], probes.Logs.Paths);
        Assert.Equal(new MemoryProbeOptions(), probes.Memory);
    }

    [Fact]
    public void Inline_probe_tables_are_read()
    {
        var probes = ParseOk("probes = { disk = { warning_percent = 50 }, logs = { paths = [] } }\n").Probes;

        Assert.Equal(50, probes.Disk.WarningPercent);
        Assert.Empty(probes.Logs.Paths);
    }

    [Fact]
    public void Edge_values_are_accepted()
    {
        var probes = ParseOk("""
            [probes.disk]
            warning_percent = 99
            critical_percent = 100
            [probes.logs]
            max_file_mb = 100000
            max_age_days = 1
            [probes.memory]
            psi_some_avg10_warning = 0
            """).Probes;

        Assert.Equal((99, 100), (probes.Disk.WarningPercent, probes.Disk.CriticalPercent));
        Assert.Equal((100_000, 1), (probes.Logs.MaxFileMegabytes, probes.Logs.MaxAgeDays));
        Assert.Equal(0, probes.Memory.PsiSomeAvg10Warning);
    }

    [Theory]
    [InlineData("[probes.disk]\nwarning_percent = 0\n", 2, 19, "probes.disk.warning_percent", "0 is out of range; expected 1 to 100 percent")]
    [InlineData("[probes.disk]\ncritical_percent = 101\n", 2, 20, "probes.disk.critical_percent", "101 is out of range; expected 1 to 100 percent")]
    [InlineData("[probes.disk]\nwarning_percent = 95\n", 2, 19, "probes.disk.warning_percent", "probes.disk.warning_percent (95) must be below probes.disk.critical_percent (95) (by default)")]
    [InlineData("[probes.disk]\nwarning_percent = 90\ncritical_percent = 85\n", 3, 20, "probes.disk.critical_percent", "probes.disk.warning_percent (90) must be below probes.disk.critical_percent (85)")]
    [InlineData("[probes.disk]\ninode_critical_percent = 50\n", 2, 26, "probes.disk.inode_critical_percent", "probes.disk.inode_warning_percent (80) must be below probes.disk.inode_critical_percent (50) (by default)")]
    [InlineData("[probes.logs]\npaths = [\"var/log\"]\n", 2, 10, "probes.logs.paths", "\"var/log\" is not absolute; write it starting with /")]
    [InlineData("[probes.logs]\npaths = [\"/var/log/../../etc\"]\n", 2, 10, "probes.logs.paths", "\"/var/log/../../etc\" contains \"..\"")]
    [InlineData("[probes.logs]\npaths = [\"/var/log/\"]\n", 2, 10, "probes.logs.paths", "\"/var/log/\" ends with /; write it without the trailing slash")]
    [InlineData("[probes.logs]\npaths = [\"/\"]\n", 2, 10, "probes.logs.paths", "\"/\" is the whole machine, not a log directory")]
    [InlineData("[probes.logs]\npaths = [\"/var//log\"]\n", 2, 10, "probes.logs.paths", "\"/var//log\" contains an empty segment (//)")]
    [InlineData("[probes.logs]\npaths = [1]\n", 2, 10, "probes.logs.paths", "expected a string, got the integer 1")]
    [InlineData("[probes.logs]\npaths = \"/var/log\"\n", 2, 9, "probes.logs.paths", "expected an array, got the string \"/var/log\"")]
    [InlineData("[probes.logs]\nmax_file_mb = 0\n", 2, 15, "probes.logs.max_file_mb", "0 is out of range; expected 1 to 100000 MB")]
    [InlineData("[probes.logs]\nmax_age_days = 3651\n", 2, 16, "probes.logs.max_age_days", "3651 is out of range; expected 1 to 3650 days")]
    [InlineData("[probes.logs]\njournal_max_mb = 0\n", 2, 18, "probes.logs.journal_max_mb", "0 is out of range; expected 1 to 1048576 MB")]
    [InlineData("[probes.memory]\nav = 1\n", 2, 1, "probes.memory.av", "unknown key; expected in [probes.memory]: available_warning_percent, available_critical_percent, psi_some_avg10_warning")]
    [InlineData("[probes.memory]\navailable_critical_percent = 10\n", 2, 30, "probes.memory.available_critical_percent", "probes.memory.available_critical_percent (10) must be below probes.memory.available_warning_percent (10) (by default)")]
    [InlineData("[probes.memory]\npsi_some_avg10_warning = 100.5\n", 2, 26, "probes.memory.psi_some_avg10_warning", "100.5 is out of range; expected 0 to 100 percent")]
    [InlineData("[probes.disc]\nwarning_percent = 1\n", 1, 2, "probes.disc", "unknown table; did you mean disk? (in [probes]: disk, logs, memory, packages, services, rates)")]
    [InlineData("[probes]\ndisk = 5\n", 2, 8, "probes.disk", "expected a table, got the integer 5")]
    public void Bad_probe_value_is_reported_at_the_value(string text, int line, int column, string key, string message)
    {
        var result = HealingConfigParser.Parse(text, FileName);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal((FileName, line, column, key, message), (error.File, error.Line, error.Column, error.Key, error.Message));
    }

    [Fact]
    public void More_than_sixteen_log_paths_are_refused()
    {
        var paths = string.Join(", ", Enumerable.Range(0, 17).Select(i => $"\"/srv/log{i}\""));

        var result = HealingConfigParser.Parse($"[probes.logs]\npaths = [{paths}]\n", FileName);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("probes.logs.paths", "17 entries; at most 16 are allowed"), (error.Key, error.Message));
    }

    [Fact]
    public void Every_bad_probe_value_is_listed()
    {
        var result = HealingConfigParser.Parse("""
            [probes.disk]
            warning_percent = 0
            [probes.logs]
            paths = ["relative", "/ok", "/a/../b"]
            """, FileName);

        Assert.Equal(
            [(2, "probes.disk.warning_percent"), (4, "probes.logs.paths"), (4, "probes.logs.paths")],
            result.Errors.Select(e => (e.Line, e.Key)));
    }

    [Fact]
    public void Changed_probe_settings_are_written_back_and_read_again()
    {
        var options = new HealingOptions
        {
            Probes = new ProbeOptions
            {
                Disk = new DiskProbeOptions { WarningPercent = 60 },
                Logs = new LogProbeOptions { Paths = ["/var/log", "/srv/logs"], MaxFileMegabytes = 10 },
                Memory = new MemoryProbeOptions { PsiSomeAvg10Warning = 7.5 },
            },
        };

        var edit = HealingConfigWriter.Update("[healing]\npolicy = \"guided\"\n", options, FileName);

        Assert.True(edit.PreservedLayout);
        OptionsAssert.Equal(options, ParseOk(edit.Text));
    }

    private static HealingOptions ParseOk(string text)
    {
        var result = HealingConfigParser.Parse(text, FileName);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Options!;
    }
}
