using Microsoft.EntityFrameworkCore;

namespace Workflow.Host.Data;

/// <summary>Recognises a unique-key violation on any supported provider.</summary>
public static class DbErrors
{
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal),
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>Saves; a lost race (stale concurrency stamp or a taken unique key) becomes a 409 with <paramref name="message"/>.</summary>
    public static Task SaveOrConflictAsync(this DbContext db, string message, CancellationToken ct) =>
        db.SaveOrConflictAsync(new Workflow.Activities.Reports.WorkflowRuleException(Workflow.Activities.Reports.RuleViolation.Conflict,
            "concurrent-update", message), ct);

    /// <summary>Saves; a lost race (stale concurrency stamp or a taken unique key) becomes <paramref name="conflict"/>.</summary>
    public static async Task SaveOrConflictAsync(this DbContext db, Workflow.Activities.Reports.WorkflowRuleException conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || IsUniqueViolation(e))
        {
            throw conflict;
        }
    }
}
