namespace Anna.Core.Insights;

/// <summary>
/// The assumption behind "time saved": a person's minutes per fix Anna made without approval. The host
/// sets it once (Anna:Metrics:ManualFixMinutes) and every door — metrics, API, CLI, dashboard — shows the same figure.
/// </summary>
public sealed record ManualFixAssumption(double Minutes, string Setting)
{
    public string Describe() => $"an assumed {Minutes:0.#} min of a person's time per fix Anna made without approval ({Setting})";
}
