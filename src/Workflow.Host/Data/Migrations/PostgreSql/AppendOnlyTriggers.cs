using Microsoft.EntityFrameworkCore.Migrations;

namespace Workflow.Host.Data.Migrations.PostgreSql;

/// <summary>
/// Makes the journal and the revisions append-only in PostgreSQL itself, as the SQLite triggers do: ExecuteUpdate,
/// ExecuteDelete and raw SQL bypass SaveChanges, the triggers do not. Hand-written; a regenerated initial migration calls it last.
/// </summary>
internal static class AppendOnlyTriggers
{
    private static readonly string[] Tables = ["ReportJournal", "ReportRevisions", "RectificationJournal"];

    public static void Create(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION append_only_history() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation'; END; $$;
            """);
        foreach (var table in Tables)
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "{table}"
                FOR EACH STATEMENT EXECUTE FUNCTION append_only_history();
                """);
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{table}_append_only\" ON \"{table}\";");
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS append_only_history();");
    }
}
