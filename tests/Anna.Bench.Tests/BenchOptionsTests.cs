namespace Anna.Bench.Tests;

public sealed class BenchOptionsTests
{
    // Any existing file stands for the daemon: parsing only checks that it is there.
    private static readonly string Anna = typeof(BenchOptionsTests).Assembly.Location;

    [Fact]
    public void The_load_bench_takes_a_time_budget_in_minutes()
    {
        var options = BenchOptions.Parse(["load", "--trials", "10000", "--minutes", "90", "--anna", Anna]);

        Assert.Equal(90, options.Minutes);
        Assert.Equal(10000, options.Trials);
    }

    [Fact]
    public void Without_a_budget_the_load_bench_runs_every_trial()
    {
        Assert.Null(BenchOptions.Parse(["load", "--anna", Anna]).Minutes);
    }

    [Theory]
    [InlineData("heal")]
    [InlineData("memory")]
    [InlineData("startup")]
    public void Other_benches_refuse_a_budget(string mode)
    {
        var error = Assert.Throws<ArgumentException>(() => BenchOptions.Parse([mode, "--minutes", "5", "--anna", Anna]));

        Assert.Contains("--minutes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("soon")]
    public void A_budget_is_a_positive_count_of_minutes(string minutes)
    {
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["load", "--minutes", minutes, "--anna", Anna]));
    }
}
