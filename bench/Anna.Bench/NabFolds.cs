namespace Anna.Bench;

/// <summary>
/// Splits NAB's files into folds for cross-validation, stratified by category (the folder under
/// <c>data/</c>): within each category, files in path order (or shuffled by a seed) are dealt to the
/// folds in turn, the deal carrying on from one category to the next so the folds stay the same size.
/// Every fold gets files of every category that has at least as many files as there are folds, so
/// each holds machine metrics (<c>realAWSCloudwatch</c>, <c>realKnownCause</c>) too.
/// </summary>
internal static class NabFolds
{
    /// <summary>The category of a file: the folder it sits in under <c>data/</c>.</summary>
    public static string Category(string relativePath)
    {
        var slash = relativePath.IndexOf('/');
        return slash < 0 ? "" : relativePath[..slash];
    }

    /// <summary>
    /// Indexes of <paramref name="paths"/> in each of <paramref name="folds"/> folds. Seed 0 deals
    /// each category in path order; another seed shuffles each category first (the same seed gives the same split).
    /// </summary>
    public static int[][] Split(IReadOnlyList<string> paths, int folds, int seed)
    {
        if (folds < 2 || folds > paths.Count)
            throw new ArgumentException($"--folds must be 2..{paths.Count} (the number of files), not {folds}");
        var random = seed == 0 ? null : new Random(seed);
        var members = Enumerable.Range(0, folds).Select(_ => new List<int>()).ToArray();
        var turn = 0;
        foreach (var category in Enumerable.Range(0, paths.Count).GroupBy(i => Category(paths[i])).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var files = category.OrderBy(i => paths[i], StringComparer.Ordinal).ToArray();
            random?.Shuffle(files);
            foreach (var file in files)
                members[turn++ % folds].Add(file);
        }
        return members.Select(m => m.Order().ToArray()).ToArray();
    }
}
