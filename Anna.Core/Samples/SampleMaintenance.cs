namespace Anna.Core.Samples;

/// <summary>What one rollup and pruning pass did.</summary>
public sealed record SampleMaintenance(int FiveMinuteBuckets, int HourBuckets, int PrunedRaw, int PrunedFiveMinutes, int PrunedHours, int PrunedSeries);
