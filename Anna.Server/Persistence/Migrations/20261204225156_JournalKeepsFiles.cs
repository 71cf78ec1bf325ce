using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Anna.Server.Persistence.Migrations
{
    /// <summary>
    /// Whether a journal record's snapshot keeps files for undo, kept beside it: health asks for the undoable
    /// actions that hold disk space on every call, and most undoable actions (restarts, policy edits) keep
    /// none, so the store answers without reading and parsing their snapshots. Records written before are
    /// marked here by the same rule as RollbackSnapshot.KeepsFiles: a quarantine with files, a file
    /// restore with a backup, a package step with a kept archive.
    /// </summary>
    public partial class JournalKeepsFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "keeps_files",
                table: "action_journal",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql(
                """
                UPDATE action_journal SET keeps_files = 1
                WHERE EXISTS (
                    SELECT 1 FROM json_each(action_journal.snapshot_json) AS step
                    WHERE (json_extract(step.value, '$.kind') = 'restore_quarantined' AND json_array_length(step.value, '$.files') > 0)
                       OR (json_extract(step.value, '$.kind') = 'restore_file' AND json_extract(step.value, '$.backup_path') IS NOT NULL)
                       OR (json_extract(step.value, '$.kind') = 'reinstall_package' AND json_extract(step.value, '$.archive_path') IS NOT NULL))
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "keeps_files",
                table: "action_journal");
        }
    }
}
