using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Workflow.Activities.Reports;

namespace Workflow.Host.Data;

/// <summary>
/// The same model on PostgreSQL (scale-out): its own migrations, xmin as the reports' concurrency token and the
/// data-protection keys and the evidence bytes shared by every app node.
/// </summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // The server bumps xmin on every update, so two nodes cannot both win a transition; the app-managed stamp stays a plain column.
        builder.Entity<Report>().Property(r => r.ConcurrencyStamp).IsConcurrencyToken(false);
        builder.Entity<Report>().Property<uint>("xmin").IsRowVersion();
        // Evidence bytes live in the database only on PostgreSQL (Evidence:Store=Database); SQLite keeps them in a folder.
        EvidenceBlobModel.Configure(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // timestamptz accepts only UTC offsets; times in China time (+08:00) are stored as the same instant in UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
    }

    internal sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}
