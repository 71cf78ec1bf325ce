using Anna.Core.Insights;
using Anna.Core.Issues;
using Anna.Core.Samples;

namespace Anna.Core.Tests.Insights;

public sealed class MemoryClimbsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private const string Unit = "leaky.service";

    /// <summary>Each failure after a 4-hour climb from 100 MiB to <paramref name="peakMib"/>, one sample every 5 minutes, then a restart.</summary>
    private static (List<IssueRecord> Failures, List<SampleBucket> Memory) Leak(int failures, double peakMib)
    {
        var issues = new List<IssueRecord>();
        var memory = new List<SampleBucket>();
        for (var f = 0; f < failures; f++)
        {
            var restart = Start.AddHours(5 * f);
            for (var i = 0; i < 48; i++)
            {
                var mib = 100 + (peakMib - 100) * i / 47.0;
                memory.Add(SampleBucket.Of(new Sample(SampleMetric.UnitMemoryBytes, Unit, restart.AddMinutes(5 * i), mib * 1024 * 1024)));
            }
            var died = restart.AddMinutes(5 * 47 + 1);
            issues.Add(new IssueRecord(10 + f, IssueKind.FailedService, Unit, new Dictionary<string, string>(), died, died, died.AddMinutes(1)));
        }
        return (issues, memory);
    }

    [Fact]
    public void A_unit_whose_memory_climbs_before_each_failure_is_named_with_the_climb_and_what_to_do()
    {
        var (failures, memory) = Leak(3, 480);

        var cause = Assert.Single(MemoryClimbs.Find(failures, memory, []));

        Assert.Equal(RootCauseKind.MemoryClimbs, cause.Kind);
        Assert.Equal(Unit, cause.Subject);
        Assert.Equal("leaky.service's memory climbed before 3 of its 3 failures, from about 100 MB to 480 MB in the hours before each", cause.Finding);
        Assert.Equal("systemctl edit leaky.service", cause.Command);
        Assert.Equal([10L, 11, 12], cause.IssueIds);
    }

    [Fact]
    public void One_climb_a_flat_unit_and_a_unit_without_samples_are_not_a_leak()
    {
        Assert.Empty(MemoryClimbs.Find(Leak(1, 480).Failures, Leak(1, 480).Memory, []));
        var (failures, flat) = Leak(3, 130); // 100 → 130 MiB: not twice its level
        Assert.Empty(MemoryClimbs.Find(failures, flat, []));
        Assert.Empty(MemoryClimbs.Find(failures, [], []));
    }
}
