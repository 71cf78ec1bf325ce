namespace Anna.Core.Samples;

/// <summary>How finely a series is kept: each raw sample, or one bucket per 5 minutes or per hour.</summary>
public enum SampleResolution
{
    Raw,
    FiveMinutes,
    Hour,
}
