using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Activities.Calendar;
using Workflow.Activities.Delegations;
using Workflow.Activities.Organization;
using Workflow.Activities.Routes;

namespace Workflow.Host.Identity;

/// <summary>
/// One row whose <see cref="Stamp"/> changes in the same transaction as any change to what a user's scope is built from: accounts,
/// their roles and posts, units, routes, delegations and the working-day calendar. Each node keeps the scopes it built (<see cref="UserScopeCache"/>) under the
/// stamp it read, so one small query per request tells every node whether they still hold.
/// </summary>
public sealed class DirectoryVersion
{
    public const int TheRow = 1;

    /// <summary>The stamp a fresh database starts with (the migration inserts the row).</summary>
    public static readonly Guid Initial = new("6d1d7b8e-2f0c-4c55-9a43-0b6a3f1f9e01");

    public int Id { get; set; } = TheRow;

    public Guid Stamp { get; set; }

    // Sign-in bookkeeping changes no scope: failed attempts, lockout and the row's concurrency stamp.
    private static readonly HashSet<string> BookkeepingColumns = new(StringComparer.Ordinal)
    {
        nameof(AppUser.AccessFailedCount), nameof(AppUser.LockoutEnd), nameof(AppUser.ConcurrencyStamp),
    };

    /// <summary>
    /// Before a save: when it changes the directory, the row gets a new stamp in the same save (one transaction). Changes made
    /// around the change tracker (ExecuteUpdate/Delete, raw SQL) on these tables must call <see cref="CurrentDirectory.ChangedAsync"/> after them.
    /// </summary>
    public static bool MarkIfChanged(DbContext db, IEnumerable<EntityEntry> entries)
    {
        if (!entries.Any(Changes)) return false;
        Bump(db);
        return true;
    }

    private static bool Changes(EntityEntry entry) => entry.State switch
    {
        EntityState.Added or EntityState.Deleted => IsDirectory(entry.Entity),
        EntityState.Modified when entry.Entity is AppUser =>
            entry.Properties.Any(p => p.IsModified && !BookkeepingColumns.Contains(p.Metadata.Name)),
        EntityState.Modified => IsDirectory(entry.Entity),
        _ => false,
    };

    private static bool IsDirectory(object entity) => entity is AppUser or IdentityUserRole<string> or IdentityRole or UserPost or Unit
        or RouteDefinition or Delegation or CalendarDay;

    /// <summary>Gives the row a new stamp with the context's next save (an update of the one row; no read, so no lost update).</summary>
    public static void Bump(DbContext db)
    {
        var tracked = db.ChangeTracker.Entries<DirectoryVersion>().FirstOrDefault();
        if (tracked is null)
        {
            var row = new DirectoryVersion { Stamp = Guid.NewGuid() };
            db.Attach(row).Property(r => r.Stamp).IsModified = true;
        }
        else
        {
            tracked.Entity.Stamp = Guid.NewGuid();
            tracked.Property(r => r.Stamp).IsModified = true;
        }
    }
}

internal sealed class DirectoryVersionConfiguration : IEntityTypeConfiguration<DirectoryVersion>
{
    public void Configure(EntityTypeBuilder<DirectoryVersion> builder)
    {
        builder.ToTable("DirectoryVersion");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasData(new DirectoryVersion { Id = DirectoryVersion.TheRow, Stamp = DirectoryVersion.Initial });
    }
}
