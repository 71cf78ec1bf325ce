using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Anna.Server.Persistence.Migrations
{
    /// <summary>
    /// The forecasts' self-check: each forecast alert, pending or judged (hit, missed, averted), so a
    /// restart neither forgets what is still to be judged nor the hit rate so far.
    /// </summary>
    public partial class ForecastSelfCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "forecast_predictions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    metric = table.Column<string>(type: "TEXT", nullable: false),
                    subject = table.Column<string>(type: "TEXT", nullable: false),
                    raised_at = table.Column<long>(type: "INTEGER", nullable: false),
                    eta = table.Column<long>(type: "INTEGER", nullable: false),
                    confidence = table.Column<double>(type: "REAL", nullable: false),
                    value = table.Column<double>(type: "REAL", nullable: false),
                    critical = table.Column<double>(type: "REAL", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", nullable: false),
                    judged_at = table.Column<long>(type: "INTEGER", nullable: true),
                    crossed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    withdrawn = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forecast_predictions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_forecast_predictions_outcome_judged_at",
                table: "forecast_predictions",
                columns: new[] { "outcome", "judged_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "forecast_predictions");
        }
    }
}
