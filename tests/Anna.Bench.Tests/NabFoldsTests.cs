namespace Anna.Bench.Tests;

public sealed class NabFoldsTests
{
    // NAB v1.1's categories and how many files each holds; the names are made up.
    private static readonly (string Category, int Files)[] Shape =
    [
        ("realTweets", 10), ("artificialNoAnomaly", 5), ("realAWSCloudwatch", 17), ("realAdExchange", 6),
        ("realKnownCause", 7), ("artificialWithAnomaly", 6), ("realTraffic", 7),
    ];

    private static string[] Paths() =>
        Shape.SelectMany(c => Enumerable.Range(0, c.Files).Select(i => $"{c.Category}/series_{(i * 7) % c.Files:D2}.csv")).ToArray();

    [Theory]
    [InlineData(2, 0)]
    [InlineData(2, 5)]
    [InlineData(3, 0)]
    [InlineData(5, 11)]
    public void Folds_are_disjoint_cover_every_file_and_split_every_category_evenly(int folds, int seed)
    {
        var paths = Paths();

        var split = NabFolds.Split(paths, folds, seed);

        Assert.Equal(folds, split.Length);
        Assert.Equal(Enumerable.Range(0, paths.Length), split.SelectMany(f => f).Order());
        Assert.InRange(split.Max(f => f.Length) - split.Min(f => f.Length), 0, 1);
        foreach (var (category, _) in Shape)
        {
            var perFold = split.Select(f => f.Count(i => NabFolds.Category(paths[i]) == category)).ToArray();
            Assert.True(perFold.Max() - perFold.Min() <= 1, $"{category}: {string.Join(", ", perFold)}");
        }
        Assert.All(split, fold => Assert.Contains(fold, i => paths[i].StartsWith("realKnownCause/", StringComparison.Ordinal)));
        Assert.All(split, fold => Assert.Contains(fold, i => paths[i].StartsWith("realAWSCloudwatch/", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        var paths = Paths();

        Assert.Equal(NabFolds.Split(paths, 2, 0), NabFolds.Split(paths, 2, 0));
        Assert.Equal(NabFolds.Split(paths, 2, 9), NabFolds.Split(paths, 2, 9));
        Assert.NotEqual(NabFolds.Split(paths, 2, 0), NabFolds.Split(paths, 2, 9));
    }

    [Fact]
    public void Seed_zero_alternates_the_files_of_a_category_in_path_order()
    {
        string[] paths = ["b/2.csv", "a/1.csv", "b/1.csv", "a/3.csv", "a/2.csv"];

        var split = NabFolds.Split(paths, 2, 0);

        // a/1, a/2, a/3 dealt to folds 0, 1, 0; the deal goes on with b/1, b/2 to folds 1, 0.
        Assert.Equal(["a/1.csv", "a/3.csv", "b/2.csv"], split[0].Select(i => paths[i]).Order(StringComparer.Ordinal));
        Assert.Equal(["a/2.csv", "b/1.csv"], split[1].Select(i => paths[i]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void Fewer_than_two_folds_or_more_folds_than_files_is_refused(int folds) =>
        Assert.Throws<ArgumentException>(() => NabFolds.Split(["a/1.csv", "a/2.csv", "b/1.csv", "b/2.csv", "b/3.csv"], folds, 0));
}
