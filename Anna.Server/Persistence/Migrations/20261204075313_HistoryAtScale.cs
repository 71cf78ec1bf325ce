using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Anna.Server.Persistence.Migrations
{
    /// <summary>
    /// History at a million rows: an index per filter of the history page (in started_at order), and
    /// the daily and per-subject counts that make its totals sums instead of scans — filled from the
    /// rows already there, then kept by triggers.
    /// </summary>
    public partial class HistoryAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_action_history_issue_type_outcome",
                table: "action_history");

            migrationBuilder.CreateTable(
                name: "history_daily_counts",
                columns: table => new
                {
                    day = table.Column<long>(type: "INTEGER", nullable: false),
                    issue_type = table.Column<string>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_history_daily_counts", x => new { x.day, x.issue_type, x.action, x.outcome });
                });

            migrationBuilder.CreateTable(
                name: "history_subject_counts",
                columns: table => new
                {
                    subject = table.Column<string>(type: "TEXT", nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_history_subject_counts", x => x.subject);
                });

            migrationBuilder.Sql(
                """
                INSERT INTO history_daily_counts (day, issue_type, action, outcome, count)
                SELECT started_at / 86400000, issue_type, action, outcome, COUNT(*) FROM action_history GROUP BY 1, 2, 3, 4;
                """);
            migrationBuilder.Sql(
                """
                INSERT INTO history_subject_counts (subject, count)
                SELECT subject, COUNT(*) FROM action_history GROUP BY subject;
                """);
            // A row counts once for its day, issue type, action and outcome, and once for its subject;
            // an update (an action finishing changes its outcome) moves it from its old counts to its new ones.
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

            migrationBuilder.CreateIndex(
                name: "ix_action_history_action_started_at",
                table: "action_history",
                columns: new[] { "action", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_action_history_issue_type_started_at",
                table: "action_history",
                columns: new[] { "issue_type", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_action_history_outcome_started_at",
                table: "action_history",
                columns: new[] { "outcome", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_action_history_subject_started_at",
                table: "action_history",
                columns: new[] { "subject", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_issues_last_seen",
                table: "issues",
                column: "last_seen");

            migrationBuilder.DropIndex(
                name: "ix_healing_sessions_started_at",
                table: "healing_sessions");

            migrationBuilder.CreateIndex(
                name: "ix_healing_sessions_started_at_id",
                table: "healing_sessions",
                columns: new[] { "started_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tr_action_history_counted;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tr_action_history_uncounted;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tr_action_history_recounted;");

            migrationBuilder.DropTable(
                name: "history_daily_counts");

            migrationBuilder.DropTable(
                name: "history_subject_counts");

            migrationBuilder.DropIndex(
                name: "ix_action_history_action_started_at",
                table: "action_history");

            migrationBuilder.DropIndex(
                name: "ix_action_history_issue_type_started_at",
                table: "action_history");

            migrationBuilder.DropIndex(
                name: "ix_action_history_outcome_started_at",
                table: "action_history");

            migrationBuilder.DropIndex(
                name: "ix_action_history_subject_started_at",
                table: "action_history");

            migrationBuilder.DropIndex(
                name: "ix_issues_last_seen",
                table: "issues");

            migrationBuilder.DropIndex(
                name: "ix_healing_sessions_started_at_id",
                table: "healing_sessions");

            migrationBuilder.CreateIndex(
                name: "ix_healing_sessions_started_at",
                table: "healing_sessions",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_action_history_issue_type_outcome",
                table: "action_history",
                columns: new[] { "issue_type", "outcome" });
        }
    }
}
