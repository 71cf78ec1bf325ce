using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Anna.Server.Persistence.Migrations
{
    /// <summary>
    /// Whether a history row's detail says the disk was full, kept beside the text: insights reads it for
    /// thousands of rows per report instead of their text. Rows written before are marked here, by the
    /// same words (RootCauses.NoSpaceMarkers, all ASCII: SQLite's LIKE folds their case as the store does).
    /// </summary>
    public partial class HistoryNoSpace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "no_space",
                table: "action_history",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql(
                """
                UPDATE action_history SET no_space = 1
                WHERE detail LIKE '%No space left on device%'
                   OR detail LIKE '%don''t have enough free space%'
                   OR detail LIKE '%not enough free space%'
                   OR detail LIKE '% is needed%'
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "no_space",
                table: "action_history");
        }
    }
}
