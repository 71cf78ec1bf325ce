using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Anna.Server.Persistence.Migrations
{
    /// <summary>
    /// The daily counts also keep how many rows no person approved and their durations summed, so a
    /// month's success rate, time saved and average time to heal are sums over the daily rows, not a read of
    /// every action. The triggers are made again to keep the two (an approver and a duration are set as an
    /// action finishes), and the counts are recounted once from the rows already there.
    /// </summary>
    public partial class HistoryDailyTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "automatic",
                table: "history_daily_counts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "duration_ms",
                table: "history_daily_counts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            foreach (var trigger in Triggers)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger}");
            migrationBuilder.Sql($"CREATE TRIGGER {HistoryCountTriggers.Inserted} AFTER INSERT ON action_history BEGIN {CountNew} END;");
            migrationBuilder.Sql($"CREATE TRIGGER {HistoryCountTriggers.Deleted} AFTER DELETE ON action_history BEGIN {UncountOld} END;");
            migrationBuilder.Sql(
                $"CREATE TRIGGER {HistoryCountTriggers.Updated} AFTER UPDATE OF started_at, issue_type, action, outcome, subject, approved_by, duration_ms " +
                $"ON action_history BEGIN {UncountOld} {CountNew} END;");
            // One pass over the rows already written: a million take a few seconds, once.
            migrationBuilder.Sql("DELETE FROM history_daily_counts");
            migrationBuilder.Sql(
                """
                INSERT INTO history_daily_counts (day, issue_type, action, outcome, count, automatic, duration_ms)
                SELECT started_at / 86400000, issue_type, action, outcome, count(*), sum(approved_by IS NULL), sum(duration_ms)
                FROM action_history
                GROUP BY started_at / 86400000, issue_type, action, outcome
                """);
        }

        /// <summary>The new row into its day's tally and its subject's count.</summary>
        private const string CountNew =
            """
            INSERT INTO history_daily_counts (day, issue_type, action, outcome, count, automatic, duration_ms)
            VALUES (new.started_at / 86400000, new.issue_type, new.action, new.outcome, 1, new.approved_by IS NULL, new.duration_ms)
            ON CONFLICT (day, issue_type, action, outcome) DO UPDATE SET
                count = count + 1, automatic = automatic + excluded.automatic, duration_ms = duration_ms + excluded.duration_ms;
            INSERT INTO history_subject_counts (subject, count) VALUES (new.subject, 1)
            ON CONFLICT (subject) DO UPDATE SET count = count + 1;
            """;

        /// <summary>The old row out of its day's tally and its subject's count.</summary>
        private const string UncountOld =
            """
            UPDATE history_daily_counts
            SET count = count - 1, automatic = automatic - (old.approved_by IS NULL), duration_ms = duration_ms - old.duration_ms
            WHERE day = old.started_at / 86400000 AND issue_type = old.issue_type AND action = old.action AND outcome = old.outcome;
            UPDATE history_subject_counts SET count = count - 1 WHERE subject = old.subject;
            """;

        private static readonly string[] Triggers =
            [HistoryCountTriggers.Inserted, HistoryCountTriggers.Deleted, HistoryCountTriggers.Updated];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The triggers of HistoryAtScale, which count rows only.
            foreach (var trigger in Triggers)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger}");
            migrationBuilder.Sql(
                """
                CREATE TRIGGER tr_action_history_counted AFTER INSERT ON action_history
                BEGIN
                    INSERT INTO history_daily_counts (day, issue_type, action, outcome, count)
                    VALUES (new.started_at / 86400000, new.issue_type, new.action, new.outcome, 1)
                    ON CONFLICT (day, issue_type, action, outcome) DO UPDATE SET count = count + 1;
                    INSERT INTO history_subject_counts (subject, count) VALUES (new.subject, 1)
                    ON CONFLICT (subject) DO UPDATE SET count = count + 1;
                END;
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER tr_action_history_uncounted AFTER DELETE ON action_history
                BEGIN
                    UPDATE history_daily_counts SET count = count - 1
                    WHERE day = old.started_at / 86400000 AND issue_type = old.issue_type AND action = old.action AND outcome = old.outcome;
                    UPDATE history_subject_counts SET count = count - 1 WHERE subject = old.subject;
                END;
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER tr_action_history_recounted AFTER UPDATE OF started_at, issue_type, action, outcome, subject ON action_history
                BEGIN
                    UPDATE history_daily_counts SET count = count - 1
                    WHERE day = old.started_at / 86400000 AND issue_type = old.issue_type AND action = old.action AND outcome = old.outcome;
                    INSERT INTO history_daily_counts (day, issue_type, action, outcome, count)
                    VALUES (new.started_at / 86400000, new.issue_type, new.action, new.outcome, 1)
                    ON CONFLICT (day, issue_type, action, outcome) DO UPDATE SET count = count + 1;
                    UPDATE history_subject_counts SET count = count - 1 WHERE subject = old.subject;
                    INSERT INTO history_subject_counts (subject, count) VALUES (new.subject, 1)
                    ON CONFLICT (subject) DO UPDATE SET count = count + 1;
                END;
                """);

            migrationBuilder.DropColumn(
                name: "automatic",
                table: "history_daily_counts");

            migrationBuilder.DropColumn(
                name: "duration_ms",
                table: "history_daily_counts");
        }
    }
}
