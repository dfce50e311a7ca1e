using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Workflow.Host.Data;

#nullable disable

namespace Workflow.Host.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class S16RoutesVerbsArchive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AppliesTo",
                table: "Routes",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

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
                name: "ChainLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Chain = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ChainId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Table = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RowKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Event = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Algorithm = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LinkHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChainLinks", x => x.Id);
                });

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

            migrationBuilder.CreateTable(
                name: "ReturnPoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReturnSequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ReviewerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ReviewerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReviewerRole = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CarriedFromSequence = table.Column<int>(type: "INTEGER", nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    AnswerNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LinkedSentences = table.Column<string>(type: "TEXT", nullable: false),
                    AnswerSequence = table.Column<int>(type: "INTEGER", nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    VerdictSequence = table.Column<int>(type: "INTEGER", nullable: true),
                    JudgedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnPoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReturnPoints_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RouteDrafts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    BasedOnVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Steps = table.Column<string>(type: "TEXT", nullable: false),
                    AppliesTo = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RouteDrafts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChainLinks_Chain_ChainId_Sequence",
                table: "ChainLinks",
                columns: new[] { "Chain", "ChainId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChainLinks_Table_RowKey",
                table: "ChainLinks",
                columns: new[] { "Table", "RowKey" });

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

            migrationBuilder.CreateIndex(
                name: "IX_ReturnPoints_ReportId_ReturnSequence_Number",
                table: "ReturnPoints",
                columns: new[] { "ReportId", "ReturnSequence", "Number" },
                unique: true);

            // Hand-written: the archive chain's links are append-only (Host/Data/ArchiveChainSql.cs).
            ArchiveChainSql.Up(migrationBuilder, postgres: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ArchiveChainSql.Down(migrationBuilder, postgres: false);

            migrationBuilder.DropTable(
                name: "ChainLinks");

            migrationBuilder.DropTable(
                name: "Delegations");

            migrationBuilder.DropTable(
                name: "ReportCopies");

            migrationBuilder.DropTable(
                name: "ReturnPoints");

            migrationBuilder.DropTable(
                name: "RouteDrafts");

            migrationBuilder.DropColumn(
                name: "AppliesTo",
                table: "Routes");

            migrationBuilder.DropColumn(
                name: "OnBehalfOfId",
                table: "ReportJournal");

            migrationBuilder.DropColumn(
                name: "OnBehalfOfName",
                table: "ReportJournal");
        }
    }
}
