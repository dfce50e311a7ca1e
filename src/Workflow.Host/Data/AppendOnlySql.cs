using Microsoft.EntityFrameworkCore.Migrations;

namespace Workflow.Host.Data;

/// <summary>
/// Append-only in the database itself for tables added after the baseline (the baseline guards the journals and revisions
/// the same way): SQLite refuses UPDATE and DELETE with a trigger per operation; PostgreSQL refuses UPDATE, DELETE and
/// TRUNCATE through the baseline's <c>append_only_history()</c> function. AppDbContext refuses tracked changes first.
/// </summary>
public static class AppendOnlySql
{
    public static void Up(MigrationBuilder b, bool postgres, params string[] tables)
    {
        foreach (var table in tables)
            if (postgres)
                b.Sql($"""
                    CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "{table}"
                    FOR EACH STATEMENT EXECUTE FUNCTION append_only_history();
                    """);
            else
                foreach (var operation in new[] { "UPDATE", "DELETE" })
                    b.Sql($"""
                        CREATE TRIGGER "{table}_no_{operation.ToLowerInvariant()}" BEFORE {operation} ON "{table}"
                        BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END;
                        """);
    }

    public static void Down(MigrationBuilder b, bool postgres, params string[] tables)
    {
        foreach (var table in tables)
            if (postgres)
                b.Sql($"""DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}";""");
            else
            {
                b.Sql($"""DROP TRIGGER IF EXISTS "{table}_no_update";""");
                b.Sql($"""DROP TRIGGER IF EXISTS "{table}_no_delete";""");
            }
    }
}
