using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Workflow.Activities.Calendar;
using Workflow.Activities.Cycles;
using Workflow.Activities.Organization;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using Workflow.Host.Identity;
using Workflow.Host.Mail;
using Workflow.Host.Reminders;

namespace Workflow.Host.Data;

/// <summary>The one database of the product: Identity, units, routes, reports and their journal, the rectification ledger. Its migrations are SQLite's.</summary>
public class AppDbContext : IdentityDbContext<AppUser>
{
    public AppDbContext(DbContextOptions<AppDbContext> options) : base(options) { }

    /// <summary>For a provider's own context (<see cref="PostgresAppDbContext"/>), which keeps its own migrations.</summary>
    protected AppDbContext(DbContextOptions options) : base(options) { }

    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<RouteDefinition> Routes => Set<RouteDefinition>();
    public DbSet<Workflow.Host.Routes.RouteDraft> RouteDrafts => Set<Workflow.Host.Routes.RouteDraft>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<ReportJournalEntry> ReportJournal => Set<ReportJournalEntry>();
    public DbSet<ReportRevision> ReportRevisions => Set<ReportRevision>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<ReportingCycle> Cycles => Set<ReportingCycle>();
    public DbSet<CycleChange> CycleChanges => Set<CycleChange>();
    public DbSet<CycleUrge> CycleUrges => Set<CycleUrge>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<RectificationItem> RectificationItems => Set<RectificationItem>();
    public DbSet<RectificationJournalEntry> RectificationJournal => Set<RectificationJournalEntry>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<Security.SecurityAuditEntry> SecurityAudit => Set<Security.SecurityAuditEntry>();
    public DbSet<Security.SecurityAuditPurgePermit> SecurityAuditPurgePermits => Set<Security.SecurityAuditPurgePermit>();
    public DbSet<PasswordHistoryEntry> PasswordHistory => Set<PasswordHistoryEntry>();
    public DbSet<Security.StoredPasswordPolicy> PasswordPolicies => Set<Security.StoredPasswordPolicy>();
    public DbSet<Messages.UserMessage> UserMessages => Set<Messages.UserMessage>();
    public DbSet<Messages.MessagePreference> MessagePreferences => Set<Messages.MessagePreference>();
    public DbSet<Workflow.Activities.Delegations.Delegation> Delegations => Set<Workflow.Activities.Delegations.Delegation>();
    public DbSet<Workflow.Activities.Reports.ReportCopy> ReportCopies => Set<Workflow.Activities.Reports.ReportCopy>();
    public DbSet<Workflow.Activities.Reports.Points.ReturnPoint> ReturnPoints => Set<Workflow.Activities.Reports.Points.ReturnPoint>();
    public DbSet<Archive.ChainLink> ChainLinks => Set<Archive.ChainLink>();
    public DbSet<Workflow.Activities.Reports.ReviewTask> ReviewTasks => Set<Workflow.Activities.Reports.ReviewTask>();
    public DbSet<RoleDefinition> RoleDefinitions => Set<RoleDefinition>();
    public DbSet<UserPost> UserPosts => Set<UserPost>();
    public DbSet<Workflow.Activities.Phrases.SavedPhrase> SavedPhrases => Set<Workflow.Activities.Phrases.SavedPhrase>();
    public DbSet<DirectoryVersion> DirectoryVersions => Set<DirectoryVersion>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; store UTC ticks, which sort correctly.
        if (Database.IsSqlite())
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var entries = PrepareSave();
        using var turn = SqliteWriteGate.Enter(this);
        // History sealed into its archive chain: the same work as the async save (SQLite's sync callers are seeding and tests).
        if (ArchiveSealing.Begin(this, entries) is { } sealing)
            return sealing.SaveAsync(() => Task.FromResult(base.SaveChanges(true)), CancellationToken.None).GetAwaiter().GetResult();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var entries = PrepareSave();
        // SQLite: this process's writers take turns instead of polling the file's lock (SqliteWriteGate).
        using var turn = await SqliteWriteGate.EnterAsync(this, cancellationToken);
        // History rows are sealed into their archive chain in the same transaction (ArchiveSealing).
        if (ArchiveSealing.Begin(this, entries) is { } sealing)
            return await sealing.SaveAsync(() => base.SaveChangesAsync(true, cancellationToken), cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Whether the save under way (or the last one) gives the directory a new stamp (<see cref="DirectoryVersion"/>).</summary>
    public bool ChangingDirectory { get; private set; }

    // One pass over the tracked entries (one DetectChanges) for the checks before a save and the archive's rows.
    private List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> PrepareSave()
    {
        var entries = ChangeTracker.Entries().ToList();
        GuardAppendOnly(entries);
        ChangingDirectory = DirectoryVersion.MarkIfChanged(this, entries);
        return entries;
    }

    /// <summary>The journals, the revisions and the security audit log are history: rows are added, never changed or removed.</summary>
    private static void GuardAppendOnly(IEnumerable<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> entries)
    {
        var tampered = entries
            .Where(e => e.Entity is ReportJournalEntry or ReportRevision or RectificationJournalEntry or Security.SecurityAuditEntry or CycleChange or Workflow.Activities.Reports.ReportCopy)
            .Where(e => e.State is EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity.GetType().Name)
            .FirstOrDefault();
        if (tampered is not null)
            throw new InvalidOperationException($"{tampered} rows are append-only.");
    }
}
