using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Host.Data.Migrations.Sqlite
{
    /// <summary>Makes the journal and the revisions append-only in the database itself, so bulk and raw SQL cannot rewrite history.</summary>
    public partial class AppendOnlyHistory : Migration
    {
        // AppDbContext refuses tracked changes; ExecuteUpdate/ExecuteDelete and raw SQL bypass SaveChanges, the triggers do not.
        // A later migration that rebuilds one of these tables drops its triggers: create them again there.
        private static readonly string[] Tables = ["ReportJournal", "ReportRevisions"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
                foreach (var operation in new[] { "UPDATE", "DELETE" })
                    migrationBuilder.Sql($"""
                        CREATE TRIGGER "{table}_no_{operation.ToLowerInvariant()}" BEFORE {operation} ON "{table}"
                        BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END;
                        """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
                foreach (var operation in new[] { "UPDATE", "DELETE" })
                    migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{table}_no_{operation.ToLowerInvariant()}\";");
        }
    }
}
