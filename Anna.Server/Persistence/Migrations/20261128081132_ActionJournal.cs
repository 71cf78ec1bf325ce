using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Anna.Server.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ActionJournal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "action_journal",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    issue_json = table.Column<string>(type: "TEXT", nullable: false),
                    snapshot_json = table.Column<string>(type: "TEXT", nullable: false),
                    undo_state = table.Column<string>(type: "TEXT", nullable: false),
                    undoable_until = table.Column<long>(type: "INTEGER", nullable: true),
                    undo_note = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_action_journal", x => x.id);
                    table.ForeignKey(
                        name: "FK_action_journal_action_history_id",
                        column: x => x.id,
                        principalTable: "action_history",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_action_journal_undo_state",
                table: "action_journal",
                column: "undo_state");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "action_journal");
        }
    }
}
