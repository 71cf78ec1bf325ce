using System.Text.Json;

namespace Anna.IntegrationTests.Metrics;

/// <summary>
/// Grafana is not on this machine, so the shipped dashboard is checked against Grafana's
/// dashboard model: a schema version Grafana 10+ reads, the data source as a variable (so it
/// imports anywhere), an instance variable for a fleet, known panel types, placed panels with
/// unique ids, and every query filtered by the chosen hosts.
/// </summary>
public sealed class GrafanaDashboardModelTests
{
    private static readonly string[] PanelTypes = ["stat", "timeseries", "bargauge", "heatmap", "gauge", "table", "text", "row"];

    private readonly JsonElement _dashboard = DashboardQueries.Load();

    [Fact]
    public void The_dashboard_is_the_roadmaps_Anna_Healing_with_a_data_source_and_an_instance_variable()
    {
        Assert.Equal("Anna Healing", _dashboard.GetProperty("title").GetString());
        Assert.InRange(_dashboard.GetProperty("schemaVersion").GetInt32(), 36, 41);
        Assert.False(string.IsNullOrEmpty(_dashboard.GetProperty("uid").GetString()));
        var variables = _dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!);
        Assert.Equal("datasource", variables["datasource"].GetProperty("type").GetString());
        Assert.Equal("prometheus", variables["datasource"].GetProperty("query").GetString());
        var instance = variables["instance"];
        Assert.Equal("query", instance.GetProperty("type").GetString());
        Assert.True(instance.GetProperty("multi").GetBoolean());
        Assert.Contains("label_values(anna_build_info, instance)", instance.GetProperty("definition").GetString());
    }

    [Fact]
    public void Every_panel_is_a_known_type_placed_once_and_queries_the_chosen_hosts_through_the_variable_data_source()
    {
        var panels = DashboardQueries.Panels(_dashboard).ToList();
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString();
            Assert.Contains(panel.GetProperty("type").GetString(), PanelTypes);
            var grid = panel.GetProperty("gridPos");
            Assert.True(grid.GetProperty("w").GetInt32() is > 0 and <= 24 && grid.GetProperty("h").GetInt32() > 0, $"{title}: bad gridPos");
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.NotEmpty(targets);
            foreach (var target in targets)
                Assert.Contains("instance=~\"$instance\"", target.GetProperty("expr").GetString());
        }
    }

    [Fact]
    public void The_roadmaps_panels_are_all_there()
    {
        var titles = DashboardQueries.Panels(_dashboard).Select(p => p.GetProperty("title").GetString()).ToList();
        foreach (var wanted in (string[])["Success rate over time", "Most common issues", "Time to heal", "Rollbacks", "Circuit breaker trips", "Approval rate", "Time saved"])
            Assert.Contains(wanted, titles);
        Assert.Contains(DashboardQueries.Panels(_dashboard), p => p.GetProperty("type").GetString() == "heatmap");
    }
}
