using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Workflow.Host.Data;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Workflow.Host.Data.Migrations.PostgreSql
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
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AlterColumn<string>(
                name: "SubmittedTo",
                table: "Reports",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Status",
                table: "Reports",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30);

            migrationBuilder.AlterColumn<string>(
                name: "ResumeStatus",
                table: "Reports",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ToStatus",
                table: "ReportJournal",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30);

            migrationBuilder.AlterColumn<string>(
                name: "FromStatus",
                table: "ReportJournal",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30);

            migrationBuilder.AddColumn<string>(
                name: "OnBehalfOfId",
                table: "ReportJournal",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OnBehalfOfName",
                table: "ReportJournal",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Step",
                table: "CycleUrges",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30);

            migrationBuilder.CreateTable(
                name: "ChainLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Chain = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ChainId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Table = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RowKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Event = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Algorithm = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LinkHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChainLinks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Delegations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DelegatorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    DelegatorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DelegateId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    DelegateName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Delegations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportCopies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    JournalSequence = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CopiedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CopiedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportCopies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReturnPoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReturnSequence = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ReviewerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ReviewerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReviewerRole = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CarriedFromSequence = table.Column<int>(type: "integer", nullable: true),
                    Answer = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    AnswerNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    LinkedSentences = table.Column<List<string>>(type: "text[]", nullable: false),
                    AnswerSequence = table.Column<int>(type: "integer", nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Verdict = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    VerdictSequence = table.Column<int>(type: "integer", nullable: true),
                    JudgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false),
                    BasedOnVersion = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Steps = table.Column<string>(type: "text", nullable: false),
                    AppliesTo = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
            ArchiveChainSql.Up(migrationBuilder, postgres: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ArchiveChainSql.Down(migrationBuilder, postgres: true);

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

            migrationBuilder.AlterColumn<string>(
                name: "SubmittedTo",
                table: "Reports",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Status",
                table: "Reports",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.AlterColumn<string>(
                name: "ResumeStatus",
                table: "Reports",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ToStatus",
                table: "ReportJournal",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.AlterColumn<string>(
                name: "FromStatus",
                table: "ReportJournal",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.AlterColumn<string>(
                name: "Step",
                table: "CycleUrges",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);
        }
    }
}
