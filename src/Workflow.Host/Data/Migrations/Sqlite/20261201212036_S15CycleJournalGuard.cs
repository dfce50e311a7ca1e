using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Host.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class S15CycleJournalGuard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written: 报告周期 changes are history, append-only in the database too.
            Workflow.Host.Data.AppendOnlySql.Up(migrationBuilder, postgres: false, "CycleChanges");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Workflow.Host.Data.AppendOnlySql.Down(migrationBuilder, postgres: false, "CycleChanges");
        }
    }
}
