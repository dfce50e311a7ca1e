using Microsoft.EntityFrameworkCore.Migrations;

namespace Workflow.Host.Data;

/// <summary>
/// Hand-written part of the archive-chain migration: the links are history like the journals, so the database refuses to change
/// or remove them whatever the path (raw SQL, bulk updates). SQLite: a trigger per operation; PostgreSQL: the baseline's
/// append_only_history() on UPDATE, DELETE and TRUNCATE. Rows written before are sealed at start-up (ArchiveSealing.SealUnsealedAsync).
/// </summary>
public static class ArchiveChainSql
{
    public static void Up(MigrationBuilder b, bool postgres)
    {
        if (postgres)
        {
            b.Sql("""
                CREATE TRIGGER "ChainLinks_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "ChainLinks"
                FOR EACH STATEMENT EXECUTE FUNCTION append_only_history();
                """);
            return;
        }
        foreach (var operation in new[] { "UPDATE", "DELETE" })
            b.Sql($"""
                CREATE TRIGGER "ChainLinks_no_{operation.ToLowerInvariant()}" BEFORE {operation} ON "ChainLinks"
                BEGIN SELECT RAISE(ABORT, 'ChainLinks rows are append-only'); END;
                """);
    }

    public static void Down(MigrationBuilder b, bool postgres)
    {
        if (postgres)
        {
            b.Sql("DROP TRIGGER IF EXISTS \"ChainLinks_append_only\" ON \"ChainLinks\";");
            return;
        }
        foreach (var operation in new[] { "update", "delete" })
            b.Sql($"DROP TRIGGER IF EXISTS \"ChainLinks_no_{operation}\";");
    }
}
