using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Host.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Sess8Perf : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Reports_UpdatedAt",
                table: "Reports",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_RectificationItems_UpdatedAt",
                table: "RectificationItems",
                column: "UpdatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reports_UpdatedAt",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_RectificationItems_UpdatedAt",
                table: "RectificationItems");
        }
    }
}
