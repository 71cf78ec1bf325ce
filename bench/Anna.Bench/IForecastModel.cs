namespace Anna.Bench;

/// <summary>A model replayed over one series, sample by sample: it may raise an alert after any sample.</summary>
internal interface IForecastModel
{
    ForecastAlert? Observe(DateTime timestamp, double value);
}
