using Anna.Core.Prediction;
using Anna.Core.Vocabulary;
using Microsoft.EntityFrameworkCore;

namespace Anna.Server.Persistence;

/// <summary>
/// The forecast self-check's record on SQLite: every pending prediction and the newest
/// <see cref="ForecastCheck.MaxJudged"/> judged ones. A singleton taking one context per operation.
/// </summary>
public sealed class EfForecastCheckStore(IDbContextFactory<AnnaDbContext> contexts)
{
    public async Task<IReadOnlyList<ForecastPrediction>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ForecastPredictions.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return rows.ConvertAll(r => r.ToPrediction());
    }

    /// <summary>Inserts or replaces each prediction by its id, then deletes judged ones beyond the newest kept, in one transaction.</summary>
    public async Task SaveAsync(IReadOnlyCollection<ForecastPrediction> predictions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Count == 0)
            return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = predictions.Select(p => p.Id).ToList();
        var existing = await db.ForecastPredictions.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var prediction in predictions)
        {
            var row = ForecastPredictionRow.From(prediction);
            if (existing.Contains(prediction.Id))
                db.ForecastPredictions.Update(row);
            else
                db.ForecastPredictions.Add(row);
        }
        await db.SaveChangesAsync(cancellationToken);
        var pending = EnumNames<PredictionOutcome>.ToName(PredictionOutcome.Pending);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            DELETE FROM forecast_predictions
            WHERE outcome <> {pending} AND id NOT IN (
                SELECT id FROM forecast_predictions WHERE outcome <> {pending}
                ORDER BY judged_at DESC, id DESC LIMIT {ForecastCheck.MaxJudged})
            """,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
