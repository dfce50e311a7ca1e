using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Host.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InboxIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reports_Status_StatusSince",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Reports_UnitId_Status_StatusSince",
                table: "Reports");

            migrationBuilder.CreateIndex(
                name: "IX_Reports_Status_UnitId_StatusSince",
                table: "Reports",
                columns: new[] { "Status", "UnitId", "StatusSince" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reports_Status_UnitId_StatusSince",
                table: "Reports");

            migrationBuilder.CreateIndex(
                name: "IX_Reports_Status_StatusSince",
                table: "Reports",
                columns: new[] { "Status", "StatusSince" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_UnitId_Status_StatusSince",
                table: "Reports",
                columns: new[] { "UnitId", "Status", "StatusSince" });
        }
    }
}
