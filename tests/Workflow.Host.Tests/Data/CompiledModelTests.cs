using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Workflow.Host.Data;

namespace Workflow.Host.Tests.Data;

/// <summary>
/// The app runs on the compiled models in Data/CompiledModels (found by EF through their assembly attribute), not on the model
/// OnModelCreating builds. These tests compare the two, fact by fact, so a model change without `scripts/compiled-model.sh` fails.
/// </summary>
public sealed class CompiledModelTests
{
    [Fact]
    public void The_SQLite_context_runs_on_its_compiled_model_and_it_matches_the_configured_model()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.IsType<Workflow.Host.Data.CompiledModels.Sqlite.AppDbContextModel>(db.Model);
        AssertSame(db);
    }

    [Fact]
    public void The_PostgreSQL_context_runs_on_its_compiled_model_and_it_matches_the_configured_model()
    {
        // Building a model contacts no server.
        using var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=model_check").Options);
        Assert.IsType<Workflow.Host.Data.CompiledModels.PostgreSql.PostgresAppDbContextModel>(db.Model);
        AssertSame(db);
    }

    [Fact]
    public void The_comparison_sees_a_changed_column()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        var compiled = Facts(db.Model);
        var changed = compiled.Replace("max=30 ", "max=31 ", StringComparison.Ordinal);
        Assert.NotEqual(compiled, changed);
        Assert.NotNull(FirstDifference(compiled, changed));
    }

    private static void AssertSame(DbContext db)
    {
        // The design-time model is always built from OnModelCreating, whatever model the context runs on.
        var configured = Facts(db.GetService<IDesignTimeModel>().Model);
        var compiled = Facts(db.Model);
        if (FirstDifference(configured, compiled) is { } difference)
            Assert.Fail($"The compiled model of {db.GetType().Name} is stale: run scripts/compiled-model.sh. First difference: {difference}");
    }

    /// <summary>What decides the SQL and the materialisation: entity types, keys, navigations (the debug view), tables, columns,
    /// store types, converters, lengths, nullability, generated values, defaults, indexes with filters, constraints, query filters.</summary>
    internal static string Facts(IModel model)
    {
        var s = new StringBuilder(model.ToDebugString((MetadataDebugStringOptions)0)).AppendLine();
        foreach (var e in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var table = StoreObjectIdentifier.Create(e, StoreObjectType.Table);
            s.AppendLine($"{e.Name} -> {e.GetTableName()} filters={string.Join(";", e.GetDeclaredQueryFilters().Select(f => $"{f.Key}:{f.Expression}"))}");
            foreach (var p in e.GetProperties())
            {
                var m = p.GetRelationalTypeMapping();
                s.AppendLine($"  {p.Name}: {(table is { } t ? p.GetColumnName(t) : "-")} {m.StoreType} {m.Converter?.GetType().Name}/{m.Converter?.ProviderClrType.Name} " +
                             $"max={p.GetMaxLength()} null={p.IsNullable} concurrency={p.IsConcurrencyToken} generated={p.ValueGenerated} " +
                             $"default={p.GetDefaultValueSql()}|{p.GetDefaultValue()} computed={p.GetComputedColumnSql()}");
            }
            foreach (var i in e.GetIndexes()) s.AppendLine($"  index {i.GetDatabaseName()} unique={i.IsUnique} filter={i.GetFilter()}");
            foreach (var f in e.GetForeignKeys()) s.AppendLine($"  foreign key {f.GetConstraintName()} {f.DeleteBehavior}");
        }
        return s.ToString();
    }

    private static string? FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i].TrimEnd() : "(nothing)";
            var y = i < b.Length ? b[i].TrimEnd() : "(nothing)";
            if (x != y) return $"line {i + 1}: configured \"{x.Trim()}\", compiled \"{y.Trim()}\"";
        }
        return null;
    }
}
