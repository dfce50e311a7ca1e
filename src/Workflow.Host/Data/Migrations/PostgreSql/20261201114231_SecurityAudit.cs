using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Workflow.Host.Data.Migrations.PostgreSql
{
    /// <summary>The security audit log (安全审计): append-only in the database; a row is deleted only by the purge, under its permit.</summary>
    public partial class SecurityAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SecurityAuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Account = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Subject = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ClientAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UserAgent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityAuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SecurityAuditPurgePermits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Cutoff = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityAuditPurgePermits", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SecurityAuditEntries_Account_At",
                table: "SecurityAuditEntries",
                columns: new[] { "Account", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_SecurityAuditEntries_At",
                table: "SecurityAuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_SecurityAuditEntries_Kind_At",
                table: "SecurityAuditEntries",
                columns: new[] { "Kind", "At" });

            // Hand-written: UPDATE and TRUNCATE are always refused; DELETE only of a row older than the cutoff of a permit the
            // purge inserts in its own transaction (ExecuteDelete and raw SQL bypass SaveChanges, the triggers do not).
            migrationBuilder.Sql("""
                CREATE FUNCTION security_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM "SecurityAuditPurgePermits" p WHERE OLD."At" < p."Cutoff") THEN
                        RETURN OLD;
                    END IF;
                    RAISE EXCEPTION 'SecurityAuditEntries rows are append-only: only the purge deletes rows past the retention'
                        USING ERRCODE = 'restrict_violation';
                END; $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SecurityAuditEntries_append_only" BEFORE UPDATE OR DELETE ON "SecurityAuditEntries"
                FOR EACH ROW EXECUTE FUNCTION security_audit_guard();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SecurityAuditEntries_no_truncate" BEFORE TRUNCATE ON "SecurityAuditEntries"
                FOR EACH STATEMENT EXECUTE FUNCTION append_only_history();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SecurityAuditPurgePermits_append_only" BEFORE UPDATE OR TRUNCATE ON "SecurityAuditPurgePermits"
                FOR EACH STATEMENT EXECUTE FUNCTION append_only_history();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SecurityAuditEntries_append_only\" ON \"SecurityAuditEntries\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SecurityAuditEntries_no_truncate\" ON \"SecurityAuditEntries\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SecurityAuditPurgePermits_append_only\" ON \"SecurityAuditPurgePermits\";");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS security_audit_guard();");

            migrationBuilder.DropTable(
                name: "SecurityAuditEntries");

            migrationBuilder.DropTable(
                name: "SecurityAuditPurgePermits");
        }
    }
}
