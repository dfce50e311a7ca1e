using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Host.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class S16Verbs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OnBehalfOfId",
                table: "ReportJournal",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OnBehalfOfName",
                table: "ReportJournal",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Delegations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DelegatorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DelegatorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DelegateId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DelegateName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Delegations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportCopies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JournalSequence = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CopiedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CopiedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportCopies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Delegations_DelegateId_To",
                table: "Delegations",
                columns: new[] { "DelegateId", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_Delegations_DelegatorId_To",
                table: "Delegations",
                columns: new[] { "DelegatorId", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportCopies_ReportId_JournalSequence_UserId",
                table: "ReportCopies",
                columns: new[] { "ReportId", "JournalSequence", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportCopies_UserId_At",
                table: "ReportCopies",
                columns: new[] { "UserId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Delegations");

            migrationBuilder.DropTable(
                name: "ReportCopies");

            migrationBuilder.DropColumn(
                name: "OnBehalfOfId",
                table: "ReportJournal");

            migrationBuilder.DropColumn(
                name: "OnBehalfOfName",
                table: "ReportJournal");
        }
    }
}
