using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Host.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class S15JournalActor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ReportJournal_ActorId_At",
                table: "ReportJournal",
                columns: new[] { "ActorId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_RectificationJournal_ActorId_At",
                table: "RectificationJournal",
                columns: new[] { "ActorId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReportJournal_ActorId_At",
                table: "ReportJournal");

            migrationBuilder.DropIndex(
                name: "IX_RectificationJournal_ActorId_At",
                table: "RectificationJournal");
        }
    }
}
