using Anna.Core.Insights;
using Anna.Core.Linux.Journal;
using Anna.Core.Linux.Processes;

namespace Anna.Core.Tests.Insights;

/// <summary>The last log lines of a unit, attached to the causes that are about a unit.</summary>
public sealed class UnitLogLinesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("anna-journal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static RootCause Cause(string kind, string subject) => new(kind, subject, "f", "r", null, [], []);

    [Fact]
    public async Task Causes_about_a_unit_get_its_lines_other_causes_and_those_beyond_the_limit_do_not()
    {
        var report = InsightsReport.Build(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), [], [], [], new HashSet<Vocabulary.ActionCategory>(), 10) with
        {
            RootCauses =
            [
                Cause(RootCauseKind.DiskFilling, "/var"),
                .. Enumerable.Range(0, InsightsRead.MaxCausesWithLog + 1).Select(i => Cause(i % 2 == 0 ? RootCauseKind.SameExitStatus : RootCauseKind.OomKill, $"u{i}.service")),
            ],
        };
        var asked = new List<string>();

        var withLines = await InsightsRead.WithLogLinesAsync(report, (unit, _) =>
        {
            asked.Add(unit);
            return Task.FromResult<IReadOnlyList<string>>([$"{unit}: config error"]);
        }, CancellationToken.None);

        Assert.Empty(withLines.RootCauses[0].LogLines);
        Assert.Equal(["u0.service: config error"], withLines.RootCauses[1].LogLines);
        Assert.Equal(InsightsRead.MaxCausesWithLog, asked.Count);
        Assert.Empty(withLines.RootCauses[^1].LogLines);
    }

    [Fact]
    public async Task Journalctl_is_asked_for_the_unit_by_argument_and_its_last_lines_are_kept()
    {
        // A stand-in journalctl that prints its arguments, then three lines, as "-o cat" would.
        var program = Path.Combine(_dir, "journalctl");
        await File.WriteAllTextAsync(program, "#!/bin/sh\nprintf '%s\\n' \"$*\" first second third\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var journal = new JournalControl(new ProcessRunner(), program);

        var lines = await journal.UnitLinesAsync("web.service", 3, CancellationToken.None);

        Assert.Equal(["first", "second", "third"], lines);
        var all = await journal.UnitLinesAsync("web.service", 4, CancellationToken.None);
        Assert.Equal("--unit=web.service --lines 4 --output cat --no-pager --quiet", all[0]);
    }

    [Fact]
    public async Task Without_journalctl_there_are_no_lines_rather_than_an_error()
    {
        var journal = new JournalControl(new ProcessRunner(), Path.Combine(_dir, "no-such-journalctl"));

        Assert.Empty(await journal.UnitLinesAsync("web.service", 5, CancellationToken.None));
    }
}
