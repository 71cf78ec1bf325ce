using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Anna.Server.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Samples : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sample_series",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    metric = table.Column<string>(type: "TEXT", nullable: false),
                    subject = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sample_series", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sample_buckets",
                columns: table => new
                {
                    width_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    series_id = table.Column<long>(type: "INTEGER", nullable: false),
                    start = table.Column<long>(type: "INTEGER", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    min = table.Column<double>(type: "REAL", nullable: false),
                    max = table.Column<double>(type: "REAL", nullable: false),
                    sum = table.Column<double>(type: "REAL", nullable: false),
                    last = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sample_buckets", x => new { x.width_seconds, x.series_id, x.start });
                    table.ForeignKey(
                        name: "FK_sample_buckets_sample_series_series_id",
                        column: x => x.series_id,
                        principalTable: "sample_series",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "samples",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    series_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    value = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_samples", x => x.id);
                    table.ForeignKey(
                        name: "FK_samples_sample_series_series_id",
                        column: x => x.series_id,
                        principalTable: "sample_series",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sample_buckets_series_id",
                table: "sample_buckets",
                column: "series_id");

            migrationBuilder.CreateIndex(
                name: "ix_sample_buckets_width_seconds_start",
                table: "sample_buckets",
                columns: new[] { "width_seconds", "start" });

            migrationBuilder.CreateIndex(
                name: "ix_sample_series_metric_subject",
                table: "sample_series",
                columns: new[] { "metric", "subject" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_samples_at",
                table: "samples",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_samples_series_id_at",
                table: "samples",
                columns: new[] { "series_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sample_buckets");

            migrationBuilder.DropTable(
                name: "samples");

            migrationBuilder.DropTable(
                name: "sample_series");
        }
    }
}
