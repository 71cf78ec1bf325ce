namespace Anna.Bench.Tests;

public sealed class ForecastCorpusTests
{
    private static readonly int Situations = ForecastSituations.All.Count;

    [Fact]
    public void A_seed_gives_the_same_corpus_every_time_and_another_seed_another()
    {
        var a = ForecastCorpusGenerator.Generate(7, Situations, ForecastGeneratorSettings.Default);
        var b = ForecastCorpusGenerator.Generate(7, Situations, ForecastGeneratorSettings.Default);
        var c = ForecastCorpusGenerator.Generate(8, Situations, ForecastGeneratorSettings.Default);

        Assert.Equal(a.Select(x => x.Values), b.Select(x => x.Values));
        Assert.Equal(a.Select(x => x.Timestamps), b.Select(x => x.Timestamps));
        Assert.NotEqual(a.Select(x => x.Values.Sum()), c.Select(x => x.Values.Sum()));
    }

    [Fact]
    public void Every_situation_is_there_and_does_what_it_promises()
    {
        var corpus = ForecastCorpusGenerator.Generate(3, 2 * Situations, ForecastGeneratorSettings.Default);

        Assert.Equal(ForecastSituations.All.Select(s => s.Name).Order(), corpus.Select(c => c.Situation!).Distinct().Order());
        foreach (var series in corpus)
        {
            var situation = ForecastSituations.All.Single(s => s.Name == series.Situation);
            var crossing = ForecastReplay.Truth(series);
            if (situation.Positive)
                Assert.True(crossing >= series.Timestamps[0].AddDays(3), $"{series.Id} crosses at {crossing}");
            else
                Assert.True(crossing is null, $"{series.Id} crosses at {crossing}");
            Assert.All(series.Timestamps.Zip(series.Timestamps.Skip(1)), p => Assert.Equal(TimeSpan.FromMinutes(5), p.Second - p.First));
        }
    }

    [Fact]
    public void A_corpus_and_its_alerts_survive_the_files_unchanged()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"anna-forecast-{Guid.NewGuid():N}");
        try
        {
            var corpus = ForecastCorpusGenerator.Generate(5, 3, ForecastGeneratorSettings.Default);
            ForecastCorpus.Save(dir, corpus);
            var loaded = ForecastCorpus.Load(dir);
            Assert.Equal(corpus.Select(c => (c.Id, c.Metric, c.Critical, c.Situation)), loaded.Select(c => (c.Id, c.Metric, c.Critical, c.Situation)));
            Assert.Equal(corpus.Select(c => c.Values), loaded.Select(c => c.Values));
            Assert.Equal(corpus.Select(c => c.Timestamps), loaded.Select(c => c.Timestamps));

            ForecastAlert[] alerts = [new(corpus[0].Timestamps[10], corpus[0].Timestamps[10].AddHours(30), 0.75)];
            ForecastCorpus.WriteAlerts(Path.Combine(dir, "out"), corpus[0].Id, alerts);
            Assert.Equal(alerts, ForecastCorpus.ReadAlerts(Path.Combine(dir, "out"), corpus[0].Id));
            Assert.Empty(ForecastCorpus.ReadAlerts(Path.Combine(dir, "out"), "missing"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_metadata_file_with_an_unknown_metric_is_refused_naming_the_file_and_field()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"anna-forecast-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.json"), """{"metric": "disk_free", "critical": 90}""");
            File.WriteAllText(Path.Combine(dir, "a.csv"), "timestamp,value\n2026-01-01 00:00:00,1\n");
            var ex = Assert.Throws<InvalidDataException>(() => ForecastCorpus.Load(dir));
            Assert.Contains("a.json: metric", ex.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
