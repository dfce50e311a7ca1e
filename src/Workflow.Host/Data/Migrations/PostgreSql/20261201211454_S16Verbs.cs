using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Workflow.Host.Data.Migrations.PostgreSql
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
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OnBehalfOfName",
                table: "ReportJournal",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

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
