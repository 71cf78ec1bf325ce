using Anna.Server.Notifications;
using Anna.Core.Vocabulary;
using Anna.Core.Approvals;
using Anna.Core.Breaker;
using Anna.Core.Engine;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Prediction;
using Anna.Core.Risk;
using Anna.Core.Rollback;
using Anna.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Anna.Server.Persistence;

/// <summary>
/// Anna's SQLite store: detected issues, the history of every action taken or proposed, the
/// healing sessions they ran in, the approval queue, breaker state, run-time settings and the
/// time series of what the probes measured (samples and their rollups), and the forecasts' self-check.
/// </summary>
public sealed class AnnaDbContext(DbContextOptions<AnnaDbContext> options) : DbContext(options)
{
    public DbSet<IssueRow> Issues => Set<IssueRow>();

    public DbSet<ActionHistoryRow> ActionHistory => Set<ActionHistoryRow>();

    public DbSet<ActionJournalRow> ActionJournal => Set<ActionJournalRow>();

    public DbSet<HistoryDailyCountRow> HistoryDailyCounts => Set<HistoryDailyCountRow>();

    public DbSet<HistorySubjectCountRow> HistorySubjectCounts => Set<HistorySubjectCountRow>();

    public DbSet<BreakerRow> Breakers => Set<BreakerRow>();

    public DbSet<ApprovalRow> Approvals => Set<ApprovalRow>();

    public DbSet<HealingSessionRow> HealingSessions => Set<HealingSessionRow>();

    public DbSet<SettingRow> Settings => Set<SettingRow>();

    public DbSet<ApiTokenRow> ApiTokens => Set<ApiTokenRow>();

    public DbSet<AuditRow> Audit => Set<AuditRow>();

    public DbSet<WebhookDeliveryRow> WebhookDeliveries => Set<WebhookDeliveryRow>();

    public DbSet<SampleSeriesRow> SampleSeries => Set<SampleSeriesRow>();

    public DbSet<SampleRow> Samples => Set<SampleRow>();

    public DbSet<SampleBucketRow> SampleBuckets => Set<SampleBucketRow>();

    public DbSet<ForecastPredictionRow> ForecastPredictions => Set<ForecastPredictionRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Applies to nullable DateTimeOffset? properties as well.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();

        // Enums as names, so the file stays readable and survives reordering of members.
        configurationBuilder.Properties<ActionCategory>().HaveConversion<ActionCategoryConverter>();
        configurationBuilder.Properties<ActionRisk>().HaveConversion<ActionRiskConverter>();
        configurationBuilder.Properties<HealingPolicy>().HaveConversion<SnakeCaseEnumConverter<HealingPolicy>>();
        configurationBuilder.Properties<DecisionKind>().HaveConversion<SnakeCaseEnumConverter<DecisionKind>>();
        configurationBuilder.Properties<ConsentLevel>().HaveConversion<SnakeCaseEnumConverter<ConsentLevel>>();
        configurationBuilder.Properties<ActionOutcome>().HaveConversion<SnakeCaseEnumConverter<ActionOutcome>>();
        configurationBuilder.Properties<IssueSeverity>().HaveConversion<SnakeCaseEnumConverter<IssueSeverity>>();
        configurationBuilder.Properties<BreakerState>().HaveConversion<SnakeCaseEnumConverter<BreakerState>>();
        configurationBuilder.Properties<ApprovalStatus>().HaveConversion<SnakeCaseEnumConverter<ApprovalStatus>>();
        configurationBuilder.Properties<SessionTrigger>().HaveConversion<SnakeCaseEnumConverter<SessionTrigger>>();
        configurationBuilder.Properties<UndoState>().HaveConversion<SnakeCaseEnumConverter<UndoState>>();
        configurationBuilder.Properties<SystemState>().HaveConversion<SnakeCaseEnumConverter<SystemState>>();
        configurationBuilder.Properties<WebhookDeliveryState>().HaveConversion<SnakeCaseEnumConverter<WebhookDeliveryState>>();
        configurationBuilder.Properties<ForecastMetric>().HaveConversion<SnakeCaseEnumConverter<ForecastMetric>>();
        configurationBuilder.Properties<PredictionOutcome>().HaveConversion<SnakeCaseEnumConverter<PredictionOutcome>>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ApiTokenRow>(token =>
        {
            token.ToTable("api_tokens");
            token.HasIndex(t => t.Hash).IsUnique().HasDatabaseName("ix_api_tokens_hash");
        });

        modelBuilder.Entity<AuditRow>(audit =>
        {
            audit.ToTable("audit");
            audit.HasIndex(a => a.At).HasDatabaseName("ix_audit_at");
        });

        modelBuilder.Entity<IssueRow>(issue =>
        {
            issue.ToTable("issues");
            // The partial unique index is what makes "one open row per key" a fact of the
            // file rather than a hope of the code; the upsert in EfHistoryStore targets it.
            issue.HasIndex(i => i.Key)
                .IsUnique()
                .HasFilter("resolved_at IS NULL")
                .HasDatabaseName("ix_issues_key_open");
            // The issues seen in a period (insights) and retention's oldest first.
            issue.HasIndex(i => i.LastSeen).HasDatabaseName("ix_issues_last_seen");
        });

        modelBuilder.Entity<ActionHistoryRow>(history =>
        {
            history.ToTable("action_history", table =>
            {
                // The triggers keep history_daily_counts and history_subject_counts (migration HistoryAtScale).
                // SQLite cannot use RETURNING on a table with AFTER triggers: EF reads the new id apart.
                table.HasTrigger(HistoryCountTriggers.Inserted);
                table.HasTrigger(HistoryCountTriggers.Deleted);
                table.HasTrigger(HistoryCountTriggers.Updated);
                table.UseSqlReturningClause(false);
            });
            // Newest-first paging and time ranges.
            history.HasIndex(h => h.StartedAt).HasDatabaseName("ix_action_history_started_at");
            // Each filter of the history page, newest first: an index range in started_at order, so a page
            // of a million rows is the first 50 entries of the range, whatever the filter matches.
            // (outcome, started_at) also serves the success rates of a recent window.
            history.HasIndex(h => new { h.IssueType, h.StartedAt }).HasDatabaseName("ix_action_history_issue_type_started_at");
            history.HasIndex(h => new { h.Action, h.StartedAt }).HasDatabaseName("ix_action_history_action_started_at");
            history.HasIndex(h => new { h.Outcome, h.StartedAt }).HasDatabaseName("ix_action_history_outcome_started_at");
            history.HasIndex(h => new { h.Subject, h.StartedAt }).HasDatabaseName("ix_action_history_subject_started_at");
        });

        modelBuilder.Entity<HistoryDailyCountRow>(daily =>
        {
            daily.ToTable("history_daily_counts");
            daily.HasKey(d => new { d.Day, d.IssueType, d.Action, d.Outcome });
        });

        modelBuilder.Entity<HistorySubjectCountRow>(subject =>
        {
            subject.ToTable("history_subject_counts");
            subject.HasKey(s => s.Subject);
        });

        modelBuilder.Entity<ActionJournalRow>(journal =>
        {
            journal.ToTable("action_journal");
            // One record per history row, same id; the row goes first, in the same transaction.
            journal.Property(j => j.Id).ValueGeneratedNever();
            journal.HasOne<ActionHistoryRow>().WithOne().HasForeignKey<ActionJournalRow>(j => j.Id).OnDelete(DeleteBehavior.Cascade);
            // The undoable actions, newest first (undo last N, retention).
            journal.HasIndex(j => j.UndoState).HasDatabaseName("ix_action_journal_undo_state");
        });

        modelBuilder.Entity<BreakerRow>(breaker =>
        {
            breaker.ToTable("breakers");
            breaker.HasKey(b => b.Subject);
        });

        modelBuilder.Entity<ApprovalRow>(approval =>
        {
            approval.ToTable("approvals");
            // Never generated by the store: the id is the request's own, known before it is saved.
            approval.Property(a => a.Id).ValueGeneratedNever();
            // The pending queue, newest first.
            approval.HasIndex(a => new { a.Status, a.CreatedAt }).HasDatabaseName("ix_approvals_status_created_at");
        });

        modelBuilder.Entity<HealingSessionRow>(session =>
        {
            session.ToTable("healing_sessions");
            session.Property(s => s.Id).ValueGeneratedNever();
            // Newest-first paging, ties by id: the index holds the whole order, so a deep page is a walk, not a sort.
            session.HasIndex(s => new { s.StartedAt, s.Id }).HasDatabaseName("ix_healing_sessions_started_at_id");
        });

        modelBuilder.Entity<WebhookDeliveryRow>(delivery =>
        {
            delivery.ToTable("webhook_deliveries");
            // The sender's queue (pending, oldest first) and the dead letters' page.
            delivery.HasIndex(d => new { d.State, d.Id }).HasDatabaseName("ix_webhook_deliveries_state_id");
        });

        modelBuilder.Entity<SampleSeriesRow>(series =>
        {
            series.ToTable("sample_series");
            series.HasIndex(s => new { s.Metric, s.Subject }).IsUnique().HasDatabaseName("ix_sample_series_metric_subject");
        });

        modelBuilder.Entity<SampleRow>(sample =>
        {
            sample.ToTable("samples");
            sample.HasOne<SampleSeriesRow>().WithMany().HasForeignKey(s => s.SeriesId).OnDelete(DeleteBehavior.Cascade);
            // A series over a time range (queries, rollups); pruning walks it by time too.
            sample.HasIndex(s => new { s.SeriesId, s.At }).HasDatabaseName("ix_samples_series_id_at");
            sample.HasIndex(s => s.At).HasDatabaseName("ix_samples_at");
        });

        modelBuilder.Entity<SampleBucketRow>(bucket =>
        {
            bucket.ToTable("sample_buckets");
            // The key is the bucket's identity: a second rollup of it replaces the row.
            bucket.HasKey(b => new { b.WidthSeconds, b.SeriesId, b.Start });
            bucket.HasOne<SampleSeriesRow>().WithMany().HasForeignKey(b => b.SeriesId).OnDelete(DeleteBehavior.Cascade);
            // Pruning and "newest bucket of this width".
            bucket.HasIndex(b => new { b.WidthSeconds, b.Start }).HasDatabaseName("ix_sample_buckets_width_seconds_start");
        });

        modelBuilder.Entity<ForecastPredictionRow>(prediction =>
        {
            prediction.ToTable("forecast_predictions");
            // The forecast self-check numbers its predictions itself, before they are saved.
            prediction.Property(p => p.Id).ValueGeneratedNever();
            // Pruning keeps the newest judged ones.
            prediction.HasIndex(p => new { p.Outcome, p.JudgedAt }).HasDatabaseName("ix_forecast_predictions_outcome_judged_at");
        });

        modelBuilder.Entity<SettingRow>(setting =>
        {
            setting.ToTable("settings");
            setting.HasKey(s => s.Key);
        });

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase.From(property.Name));
            }
            foreach (var key in entity.GetKeys())
            {
                key.SetName($"pk_{entity.GetTableName()}");
            }
        }
    }
}
