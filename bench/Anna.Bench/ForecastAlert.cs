namespace Anna.Bench;

/// <summary>One line of <c>OUT/&lt;id&gt;.jsonl</c>: raised after the sample at <paramref name="At"/>, predicting a crossing at <paramref name="Eta"/>.</summary>
internal sealed record ForecastAlert(DateTime At, DateTime Eta, double Confidence);
