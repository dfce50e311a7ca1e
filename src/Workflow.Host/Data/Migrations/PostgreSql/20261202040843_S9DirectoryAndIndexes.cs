using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Host.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class S9DirectoryAndIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DirectoryVersion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Stamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryVersion", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "DirectoryVersion",
                columns: new[] { "Id", "Stamp" },
                values: new object[] { 1, new Guid("6d1d7b8e-2f0c-4c55-9a43-0b6a3f1f9e01") });

            migrationBuilder.CreateIndex(
                name: "IX_RectificationItems_UnitId_Status",
                table: "RectificationItems",
                columns: new[] { "UnitId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DirectoryVersion");

            migrationBuilder.DropIndex(
                name: "IX_RectificationItems_UnitId_Status",
                table: "RectificationItems");
        }
    }
}
