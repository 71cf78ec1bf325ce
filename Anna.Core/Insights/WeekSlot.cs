namespace Anna.Core.Insights;

/// <summary>One hour of the week: <paramref name="Day"/> 0–6 with 0 = Sunday (as healing.toml counts), <paramref name="Hour"/> 0–23.</summary>
public sealed record WeekSlot(int Day, int Hour);
