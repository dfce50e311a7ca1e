using Microsoft.EntityFrameworkCore.Migrations;

namespace Workflow.Host.Data;

/// <summary>
/// The substring index over report titles and texts, which works for Chinese (no word breaks needed): SQLite's FTS5 with the
/// trigram tokenizer, kept in step with <c>Reports</c> by triggers in the same transaction, and PostgreSQL's pg_trgm GIN indexes
/// that <c>ILIKE '%…%'</c> uses. Both index queries of three characters or more; shorter ones are scanned (see ReportFinder).
/// Hand-written SQL the model does not know about, called by the migration that introduces it.
/// </summary>
public static class ReportSearchSql
{
    /// <summary>Name of the SQLite FTS5 table; its rowid is <c>ReportSearchKeys.RowId</c>, which maps to the report's id.</summary>
    public const string SqliteTable = "ReportSearch";

    public static void Up(MigrationBuilder b, bool postgres)
    {
        if (postgres)
        {
            b.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            b.Sql("""CREATE INDEX "IX_Reports_Title_trgm" ON "Reports" USING gin ("Title" gin_trgm_ops);""");
            b.Sql("""CREATE INDEX "IX_Reports_Body_trgm" ON "Reports" USING gin ("Body" gin_trgm_ops);""");
            return;
        }
        // A report's id is text; FTS5 rows are keyed by an integer, so a small table maps one to the other. The FTS row keeps its
        // own copy of title and text (no external content: an implicit rowid of Reports may change on VACUUM).
        b.Sql("""CREATE TABLE "ReportSearchKeys" ("RowId" INTEGER PRIMARY KEY, "ReportId" TEXT NOT NULL UNIQUE);""");
        b.Sql("""CREATE VIRTUAL TABLE "ReportSearch" USING fts5("Title", "Body", tokenize = 'trigram');""");
        b.Sql("""
            CREATE TRIGGER "Reports_search_insert" AFTER INSERT ON "Reports" BEGIN
                INSERT INTO "ReportSearchKeys" ("ReportId") VALUES (new."Id");
                INSERT INTO "ReportSearch" (rowid, "Title", "Body")
                    VALUES ((SELECT "RowId" FROM "ReportSearchKeys" WHERE "ReportId" = new."Id"), new."Title", new."Body");
            END;
            """);
        b.Sql("""
            CREATE TRIGGER "Reports_search_update" AFTER UPDATE OF "Title", "Body" ON "Reports" BEGIN
                UPDATE "ReportSearch" SET "Title" = new."Title", "Body" = new."Body"
                    WHERE rowid = (SELECT "RowId" FROM "ReportSearchKeys" WHERE "ReportId" = new."Id");
            END;
            """);
        b.Sql("""
            CREATE TRIGGER "Reports_search_delete" AFTER DELETE ON "Reports" BEGIN
                DELETE FROM "ReportSearch" WHERE rowid = (SELECT "RowId" FROM "ReportSearchKeys" WHERE "ReportId" = old."Id");
                DELETE FROM "ReportSearchKeys" WHERE "ReportId" = old."Id";
            END;
            """);
        // The reports written before the index existed.
        b.Sql("""INSERT INTO "ReportSearchKeys" ("ReportId") SELECT "Id" FROM "Reports";""");
        b.Sql("""
            INSERT INTO "ReportSearch" (rowid, "Title", "Body")
                SELECT k."RowId", r."Title", r."Body" FROM "Reports" r JOIN "ReportSearchKeys" k ON k."ReportId" = r."Id";
            """);
    }

    public static void Down(MigrationBuilder b, bool postgres)
    {
        if (postgres)
        {
            b.Sql("""DROP INDEX IF EXISTS "IX_Reports_Body_trgm";""");
            b.Sql("""DROP INDEX IF EXISTS "IX_Reports_Title_trgm";""");
            return;
        }
        b.Sql("""DROP TRIGGER IF EXISTS "Reports_search_delete";""");
        b.Sql("""DROP TRIGGER IF EXISTS "Reports_search_update";""");
        b.Sql("""DROP TRIGGER IF EXISTS "Reports_search_insert";""");
        b.Sql("""DROP TABLE IF EXISTS "ReportSearch";""");
        b.Sql("""DROP TABLE IF EXISTS "ReportSearchKeys";""");
    }
}
