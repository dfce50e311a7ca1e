using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Data;
using Workflow.Host.Inbox;

namespace Workflow.Host.Tests;

/// <summary>
/// The 待办 stays flat however large the ledger of other units grows: on SQLite, every query it sends to the rectification
/// items reads them through an index that starts with the unit, never through one that holds every unit's items of a state
/// (EXPLAIN QUERY PLAN of the very commands the inbox ran). PostgreSQL plans from statistics and has the same index.
/// </summary>
public sealed class InboxPlanTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("committee.gongwei")]
    [InlineData("inspector.team1")]
    [InlineData("secretary.tongji")]
    [InlineData("drafter.tongji")]
    public async Task The_inbox_reads_rectification_items_through_the_users_units_only(string userName)
    {
        var user = await fixture.UserAsync(userName);
        await using var scope = fixture.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var commands = new List<(string Sql, SqliteParameter[] Parameters)>();
        using (var listening = new Commands(db, commands))
        using (DiagnosticListener.AllListeners.Subscribe(listening))
            await scope.ServiceProvider.GetRequiredService<TodoService>().ListAsync(user);

        var itemQueries = commands.Where(c => c.Sql.Contains("FROM \"RectificationItems\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(itemQueries);
        foreach (var (sql, parameters) in itemQueries)
        {
            var plan = await PlanAsync(db, sql, parameters);
            Assert.DoesNotContain(plan, step => step.Contains("IX_RectificationItems_Status_Deadline", StringComparison.Ordinal)
                                                || step.StartsWith("SCAN r", StringComparison.Ordinal));
            Assert.Contains(plan, step => step.Contains("IX_RectificationItems_UnitId_", StringComparison.Ordinal));
        }
    }

    private static async Task<List<string>> PlanAsync(AppDbContext db, string sql, SqliteParameter[] parameters)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        command.Parameters.AddRange(parameters);
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        return plan;
    }

    /// <summary>Copies every command the given context runs, with its parameters, from EF Core's diagnostic events.</summary>
    private sealed class Commands(DbContext context, List<(string Sql, SqliteParameter[] Parameters)> into)
        : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void Dispose()
        {
            lock (_subscriptions) _subscriptions.ForEach(s => s.Dispose());
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key != RelationalEventId.CommandExecuting.Name || value.Value is not CommandEventData data || data.Context != context) return;
            lock (into)
                into.Add((data.Command.CommandText, data.Command.Parameters.Cast<SqliteParameter>()
                    .Select(p => new SqliteParameter(p.ParameterName, p.Value) { SqliteType = p.SqliteType }).ToArray()));
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }
    }
}
