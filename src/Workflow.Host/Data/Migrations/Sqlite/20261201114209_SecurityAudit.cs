using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Host.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Account = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ClientAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityAuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SecurityAuditPurgePermits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Cutoff = table.Column<long>(type: "INTEGER", nullable: false)
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

            // Hand-written: UPDATE is always refused; DELETE only of a row older than the cutoff of a permit the purge
            // inserts in its own transaction (ExecuteDelete and raw SQL bypass SaveChanges, the triggers do not).
            migrationBuilder.Sql("""
                CREATE TRIGGER "SecurityAuditEntries_no_update" BEFORE UPDATE ON "SecurityAuditEntries"
                BEGIN SELECT RAISE(ABORT, 'SecurityAuditEntries rows are append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SecurityAuditEntries_no_delete" BEFORE DELETE ON "SecurityAuditEntries"
                WHEN NOT EXISTS (SELECT 1 FROM "SecurityAuditPurgePermits" p WHERE OLD."At" < p."Cutoff")
                BEGIN SELECT RAISE(ABORT, 'SecurityAuditEntries rows are append-only: only the purge deletes rows past the retention'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SecurityAuditPurgePermits_no_update" BEFORE UPDATE ON "SecurityAuditPurgePermits"
                BEGIN SELECT RAISE(ABORT, 'SecurityAuditPurgePermits rows are append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "SecurityAuditEntries_no_update", "SecurityAuditEntries_no_delete", "SecurityAuditPurgePermits_no_update" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{trigger}\";");

            migrationBuilder.DropTable(
                name: "SecurityAuditEntries");

            migrationBuilder.DropTable(
                name: "SecurityAuditPurgePermits");
        }
    }
}
