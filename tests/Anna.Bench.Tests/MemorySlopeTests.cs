namespace Anna.Bench.Tests;

public sealed class MemorySlopeTests
{
    [Fact]
    public void A_straight_line_gives_its_slope_and_no_error()
    {
        var slope = MemorySlope.Fit([.. Enumerable.Range(0, 10).Select(i => ((double)i, 100 + 2.5 * i))])!;

        Assert.Equal(2.5, slope.Slope, 9);
        Assert.Equal(0, slope.StandardError, 9);
        Assert.Equal(10, slope.Points);
    }

    [Fact]
    public void Noise_around_a_flat_line_gives_a_slope_within_its_error()
    {
        var random = new Random(7);
        var slope = MemorySlope.Fit([.. Enumerable.Range(0, 500).Select(i => ((double)i, 200 + random.NextDouble() * 4 - 2))])!;

        Assert.True(Math.Abs(slope.Slope) < 3 * slope.StandardError, $"{slope.Slope} ± {slope.StandardError}");
        Assert.True(slope.StandardError > 0);
    }

    [Fact]
    public void Too_few_points_or_no_work_between_them_give_no_slope()
    {
        Assert.Null(MemorySlope.Fit([(1, 1), (2, 2)]));
        Assert.Null(MemorySlope.Fit([(5, 1), (5, 2), (5, 3)]));
    }

    [Fact]
    public void The_runtime_figures_are_read_from_the_metrics_text_and_missing_ones_are_unknown()
    {
        const string metrics = "# HELP anna_gc_heap_bytes x\n# TYPE anna_gc_heap_bytes gauge\nanna_gc_heap_bytes 2.5E+07\n" +
                               "dotnet_total_memory_bytes 12345\nanna_jit_compiled_methods 4321\nprocess_open_handles 12\n";

        var memory = RuntimeMemory.Parse(metrics);

        Assert.Equal(new RuntimeMemory(12345, 25_000_000, -1, 4321), memory);
    }
}
