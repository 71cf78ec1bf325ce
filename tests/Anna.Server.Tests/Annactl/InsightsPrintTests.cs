extern alias annactl;
using System.Text.Json;
using CliOutput = annactl::Anna.Cli.Output.CliOutput;
using InsightsCommand = annactl::Anna.Cli.Commands.InsightsCommand;

namespace Anna.Server.Tests.Annactl;

/// <summary><c>annactl healing insights</c> says when its root causes were looked for in fewer actions than its figures count.</summary>
public sealed class InsightsPrintTests
{
    private static string Print(int read, long inPeriod)
    {
        var insights = JsonDocument.Parse($$"""
            {"days": 30, "successLine": "Success Rate: 90% (72648/80720 auto-heal attempts)", "timeSavedMinutes": 10, "timeSavedAssumption": "10 min",
             "commonIssues": [], "actionsRead": {{read}}, "actionsInPeriod": {{inPeriod}},
             "rootCauses": [{"finding": "web.service failed 4 times, each time with exit status 1", "recommendation": "read its log", "command": "journalctl -u web.service", "logLines": [], "historyIds": []}]}
            """).RootElement;
        using var writer = new StringWriter();
        InsightsCommand.Print(insights, new CliOutput(writer, json: false, terminal: false));
        return writer.ToString();
    }

    [Fact]
    public void Root_causes_from_the_newest_actions_say_of_how_many()
    {
        Assert.Contains("(looked for in the newest 10,000 of the period's 80,720 actions; the figures above count all of them)", Print(10_000, 80_720));
    }

    [Fact]
    public void Root_causes_from_every_action_say_nothing_more()
    {
        Assert.DoesNotContain("looked for in the newest", Print(812, 812));
    }
}
