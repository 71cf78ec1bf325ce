using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Anna.IntegrationTests.EndToEnd;

/// <summary>Reads Anna's public doors (REST and /metrics) the way an outside client would.</summary>
internal sealed partial class AnnaClient(HttpClient http)
{
    public async Task<JsonElement> HealthAsync() =>
        await http.GetFromJsonAsync<JsonElement>("/api/v1/health");

    public async Task<string> StateAsync() => (await HealthAsync()).GetProperty("state").GetString()!;

    public async Task<IReadOnlyList<JsonElement>> HistoryForAsync(string subject)
    {
        var page = await http.GetFromJsonAsync<JsonElement>("/api/v1/history?page=1&pageSize=500");
        return page.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("subject").GetString() == subject).ToList();
    }

    /// <summary>A row whose action has finished: the journal writes the row as in_progress before acting.</summary>
    public static bool Finished(JsonElement row) => row.GetProperty("outcome").GetString() != "in_progress";

    public HttpClient Http => http;

    public async Task<IReadOnlyList<JsonElement>> ApprovalsAsync(string status = "pending") =>
        (await http.GetFromJsonAsync<JsonElement>($"/api/v1/approvals?status={status}")).EnumerateArray().ToList();

    public async Task<JsonElement> PostAsync(string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {json}");
        return json;
    }

    /// <summary>The value of anna_healing_attempts_total for one label pair, 0 when not yet exported.</summary>
    public Task<double> HealingAttemptsAsync(string issueType, string outcome) =>
        MetricAsync("anna_healing_attempts_total", $"issue_type=\"{issueType}\"", $"outcome=\"{outcome}\"");

    /// <summary>The value of a metric series whose labels include all of <paramref name="labels"/>; 0 when not exported.</summary>
    public async Task<double> MetricAsync(string name, params string[] labels)
    {
        var text = await http.GetStringAsync("/metrics");
        foreach (Match m in MetricLine().Matches(text))
        {
            if (m.Groups["name"].Value == name && labels.All(m.Groups["labels"].Value.Contains))
                return double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return 0;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex MetricLine();
}
