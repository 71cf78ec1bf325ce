using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Microsoft.EntityFrameworkCore;

namespace Anna.Server.Persistence;

/// <summary>Anna's SQLite store: detected issues and the history of every action taken or proposed.</summary>
public sealed class AnnaDbContext(DbContextOptions<AnnaDbContext> options) : DbContext(options)
{
    public DbSet<IssueRow> Issues => Set<IssueRow>();

    public DbSet<ActionHistoryRow> ActionHistory => Set<ActionHistoryRow>();

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
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IssueRow>(issue =>
        {
            issue.ToTable("issues");
            // The partial unique index is what makes "one open row per key" a fact of the
            // file rather than a hope of the code; the upsert in EfHistoryStore targets it.
            issue.HasIndex(i => i.Key)
                .IsUnique()
                .HasFilter("resolved_at IS NULL")
                .HasDatabaseName("ix_issues_key_open");
        });

        modelBuilder.Entity<ActionHistoryRow>(history =>
        {
            history.ToTable("action_history");
            // Newest-first paging and time ranges.
            history.HasIndex(h => h.StartedAt).HasDatabaseName("ix_action_history_started_at");
            // Success rates per issue type.
            history.HasIndex(h => new { h.IssueType, h.Outcome }).HasDatabaseName("ix_action_history_issue_type_outcome");
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
