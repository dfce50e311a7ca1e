using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Activities;
using Workflow.Activities.Routes;
using Workflow.Host;
using Workflow.Host.Admin;
using Workflow.Host.Calendar;
using Workflow.Host.Data;
using Workflow.Host.Health;
using Workflow.Host.Identity;
using Workflow.Host.Jobs;
using Workflow.Host.Reminders;
using Workflow.Host.Reports;
using Workflow.Host.Routes;
using Workflow.Host.Seeding;
using Cycles = Workflow.Host.Cycles;
using Documents = Workflow.Host.Documents;
using Operations = Workflow.Host.Operations;
using Rectification = Workflow.Host.Rectification;
using Reports = Workflow.Host.Reports;
using Security = Workflow.Host.Security;
using Telemetry = Workflow.Host.Telemetry;

// The composition root wires every folder of Host, so it sits above them (eShop's convention: the hosting namespace); no folder uses it.
namespace Microsoft.Extensions.Hosting;

/// <summary>Composition of the host layer: options, database, Identity stores and use-case services.</summary>
public static class ApprovalFlowHostExtensions
{
    public static IHostApplicationBuilder AddApprovalFlow(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString("ApprovalFlow");
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .Validate(o => o.Provider != DatabaseProvider.PostgreSql || !string.IsNullOrWhiteSpace(connectionString),
                "Database:Provider=PostgreSql needs ConnectionStrings:ApprovalFlow (Host=...;Database=...;Username=...;Password=...).")
            .ValidateOnStart();
        services.AddOptions<ArchiveOptions>().BindConfiguration(ArchiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section)
            .Validate(o => !o.Seed || !string.IsNullOrWhiteSpace(o.Password), "Demo:Password must not be empty when Demo:Seed is on.")
            .ValidateOnStart();
        services.AddOptions<Reports.ChecksOptions>().BindConfiguration(Reports.ChecksOptions.Section)
            .Validate(o => o.MinimumLength >= 0, "Checks:MinimumLength must not be negative.").ValidateOnStart();
        services.AddOptions<Rectification.RectificationOptions>().BindConfiguration(Rectification.RectificationOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Rectification.EvidenceOptions>().BindConfiguration(Rectification.EvidenceOptions.Section)
            .Validate(o => o.StoreOn(database.Provider) != Rectification.EvidenceStoreKind.Database || database.Provider == DatabaseProvider.PostgreSql,
                "Evidence:Store=Database needs Database:Provider=PostgreSql; on SQLite use Evidence:Store=Folder (the default).")
            // A configured folder is mounted or made by the operator, never created here: files written into an unmounted
            // mount point would be on one node's disk only.
            .Validate<IOptions<AppOptions>>(
                (o, app) => string.IsNullOrWhiteSpace(o.Folder) || o.StoreOn(database.Provider) != Rectification.EvidenceStoreKind.Folder
                            || Directory.Exists(o.FolderPath(app.Value.DataPath(builder.Environment.ContentRootPath))),
                "Evidence:Folder must be an existing folder (with several nodes, one every node mounts): create or mount it first.")
            .ValidateOnStart();
        services.AddOptions<Security.AuditOptions>().BindConfiguration(Security.AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Security.PasswordPolicyOptions>().BindConfiguration(Security.PasswordPolicyOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Documents.DocumentsOptions>().BindConfiguration(Documents.DocumentsOptions.Section)
            .Validate(o => Documents.PdfFont.IsUsable(o.PdfFontPath),
                "Documents:PdfFontPath must name an existing .ttf, .otf or .ttc font file with Chinese glyphs (or be empty to search the usual font folders).")
            .ValidateOnStart();
        services.AddSingleton<Documents.PdfFont>();
        services.AddHostedService<Documents.PdfFontStartupCheck>();
        services.TryAddTimeProvider();

        var contentRoot = builder.Environment.ContentRootPath;
        var dataProtection = services.AddDataProtection().SetApplicationName("ApprovalFlow");
        // Keys at rest are encrypted with the configured certificate (both providers); a certificate that cannot be used stops the start.
        services.AddOptions<Security.KeyProtectionOptions>().BindConfiguration(Security.KeyProtectionOptions.Section);
        var keyProtection = builder.Configuration.GetSection(Security.KeyProtectionOptions.Section).Get<Security.KeyProtectionOptions>();
        if (Security.KeyProtection.LoadCertificate(keyProtection ?? new(), contentRoot) is { } keyCertificate)
            dataProtection.ProtectKeysWithCertificate(keyCertificate);
        services.AddHostedService<Security.KeyProtectionStartupCheck>();
        services.AddHostedService<Operations.DatabaseInUseLock>();
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            services.AddDbContext<AppDbContext, PostgresAppDbContext>(options => options.UseNpgsql(connectionString)
                .AddInterceptors(Workflow.Host.Messages.OutboxMirror.Instance));
            services.AddScoped(sp => (PostgresAppDbContext)sp.GetRequiredService<AppDbContext>());
            // Every node reads the same key ring, so a cookie or token issued by one node is accepted by the others.
            dataProtection.PersistKeysToDbContext<PostgresAppDbContext>();
        }
        else
        {
            services.AddDbContext<AppDbContext>((sp, options) =>
            {
                var app = sp.GetRequiredService<IOptions<AppOptions>>().Value;
                options.UseSqlite(ResolveSqliteConnectionString(connectionString, app.DataPath(contentRoot)))
                    .AddInterceptors(SqliteBusyTimeout.Instance, Workflow.Host.Messages.OutboxMirror.Instance);
            });
            // Cookies and API tokens must survive a restart: keep the keys in the data folder.
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlRepository = new FileSystemXmlRepository(
                    new DirectoryInfo(sp.GetRequiredService<IOptions<AppOptions>>().Value.KeysPath(contentRoot)),
                    sp.GetRequiredService<ILoggerFactory>())));
        }

        // Registered before AddIdentityCore, which only adds its own normaliser when none is there.
        services.AddSingleton<ILookupNormalizer, LookupNormalizer>();
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                // The password rules are the policy's (PolicyPasswordValidator, which replaces Identity's own below).
                o.Password.RequiredLength = 1;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserManager<AppUserManager>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<Security.AppUserClaimsPrincipalFactory>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddDefaultTokenProviders();
        services.RemoveAll<IPasswordValidator<AppUser>>();
        services.AddScoped<IPasswordValidator<AppUser>, Security.PolicyPasswordValidator>();
        services.AddScoped<Security.PasswordPolicyStore>();
        services.AddScoped<Security.AccountService>();
        services.AddScoped<AdminService>();
        services.AddScoped<RoleAdministration>();
        services.AddScoped<PostAdministration>();
        services.AddScoped<OrganisationService>();
        services.AddHttpContextAccessor();
        services.AddScoped<Security.ISecurityAudit, Security.DatabaseSecurityAudit>();
        services.AddScoped<Security.AuditLogPurge>();
        services.AddScoped<Security.AuditLog>();

        services.AddScoped<UserDirectory>();
        services.AddSingleton<UserScopeCache>();
        services.AddSingleton<DirectorySnapshots>();
        services.AddScoped<CurrentDirectory>();
        services.AddSingleton<CheckMemo>();
        services.AddSingleton<RecipientsCache>();
        services.AddScoped<ReportService>();
        services.AddScoped<ReportFinder>();
        services.AddScoped<Workflow.Host.Inbox.TodoService>();
        services.AddScoped<Workflow.Host.Messages.UserMessages>();
        services.AddScoped<Reports.ReportMessages>();
        services.AddScoped<Reports.ReportCopying>();
        services.AddScoped<Reports.ReviewTaskCandidates>();
        services.AddScoped<Workflow.Host.Delegations.DelegationService>();
        services.AddScoped<Rectification.RectificationMessages>();
        services.AddScoped<Rectification.RectificationLedger>();
        services.AddScoped<Rectification.RectificationIntake>();
        services.AddScoped<Rectification.RecurringProblems>();
        services.AddScoped<Rectification.RectificationEvidence>();
        services.AddScoped<Rectification.RectificationCommands>();
        services.AddSingleton<Rectification.IEvidenceStore>(sp =>
        {
            var evidence = sp.GetRequiredService<IOptions<Rectification.EvidenceOptions>>().Value;
            return evidence.StoreOn(database.Provider) == Rectification.EvidenceStoreKind.Database
                ? new Rectification.DatabaseEvidenceStore(connectionString!, sp.GetRequiredService<TimeProvider>())
                : new Rectification.FileEvidenceStore(evidence.FolderPath(sp.GetRequiredService<IOptions<AppOptions>>().Value.DataPath(contentRoot)));
        });
        services.AddSingleton<Rectification.EvidenceIntake>();
        services.AddScoped<Rectification.EvidenceMigration>();
        services.AddScoped<Workflow.Host.Archive.ArchiveExport>();
        services.AddScoped<Workflow.Host.Archive.ArchiveCheck>();
        services.AddScoped<RouteService>();
        services.AddScoped<RouteDesigner>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<Cycles.CycleService>();
        services.AddScoped<Workflow.Host.Statistics.StatisticsService>();
        services.AddScoped<Cycles.CycleBoard>();
        services.AddScoped<Cycles.ReportUrges>();
        services.AddScoped<Workflow.Host.Phrases.PhraseBook>();
        services.AddScoped<Operations.BackupService>();
        services.AddMetrics();
        services.AddSingleton<Telemetry.AppMetrics>();
        builder.AddApprovalFlowJobs(database.Provider, connectionString);
        services.AddApprovalFlowHealthChecks();
        return builder;
    }

    /// <summary>三员分立: accounts made before the rule (or edited in the database) that break it are named at every start.</summary>
    private static async Task WarnOfSeparationViolationsAsync(AppDbContext db, ILogger logger, CancellationToken ct)
    {
        var held = await (from ur in db.UserRoles
                          join r in db.Roles on ur.RoleId equals r.Id
                          join u in db.Users on ur.UserId equals u.Id
                          select new { u.UserName, Role = r.Name! }).ToListAsync(ct);
        foreach (var account in held.GroupBy(x => x.UserName))
            if (RoleNames.CheckSeparation(account.Select(x => x.Role)) is { } reason)
                logger.LogWarning("Account {UserName} breaks the separation of administrator duties (三员分立): {Reason} Roles: {Roles}",
                    account.Key, reason, string.Join(", ", account.Select(x => x.Role)));
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }

    private static string ResolveSqliteConnectionString(string? configured, string dataDirectory)
    {
        var csb = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={Path.Combine(dataDirectory, "approvalflow.db")}"
            : configured);
        csb.DefaultTimeout = 30;
        csb.Pooling = true;
        return csb.ToString();
    }

    /// <summary>Creates the data folder, applies migrations, publishes route v1 and, when asked (and <paramref name="demo"/>), the demo data.</summary>
    public static async Task InitializeApprovalFlowAsync(this IServiceProvider services, CancellationToken ct = default, bool demo = true)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var env = sp.GetRequiredService<IHostEnvironment>();
        var app = sp.GetRequiredService<IOptions<AppOptions>>().Value;
        Directory.CreateDirectory(app.DataPath(env.ContentRootPath));

        var db = sp.GetRequiredService<AppDbContext>();
        // Nodes sharing a PostgreSQL database may start together: one at a time migrates, seeds and makes the first key.
        await using var startup = await StartupLock.AcquireAsync(db, ct);
        // The history is read with plain SQL (MigrationHistory): EF's history repository is only needed when there is something to apply.
        var applied = await MigrationHistory.AppliedAsync(db, ct);
        if (await PreBaselineHistory.AdoptAsync(db, applied, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Migrations"), ct))
            applied = await MigrationHistory.AppliedAsync(db, ct);
        // Unsealed history can only come from before the archive existed, i.e. with an upgrade: an up-to-date database skips the
        // anti-join over every report and item (every write seals its own rows, and an unsealed chain is sealed whole on its next write).
        var upgrading = MigrationHistory.Pending(db, applied).Count > 0;
        // Migrate only with something to apply: on an up-to-date database it reads the history again and diffs the model.
        if (upgrading) await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            // WAL lets readers go on while one writer commits; synchronous stays FULL so a committed outbox row survives power loss.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        // History written before the archive chains existed is sealed once (idempotent: sealed chains are left alone).
        if (upgrading) await ArchiveSealing.SealUnsealedAsync(db, ct);

        // Load the data-protection key ring now, under the lock: on a first start the first node creates the key and the
        // others find it, so every node signs cookies and tokens with the same key (rather than each its own until the
        // next refresh, when another node's cookie would be refused).
        sp.GetRequiredService<IDataProtectionProvider>().CreateProtector("Workflow.Host.Startup").Protect("key ring loaded");

        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        // One query for the roles there are (not one per role): an up-to-date database creates none.
        var existingRoles = (await db.Roles.Select(r => r.NormalizedName).ToListAsync(ct)).ToHashSet();
        foreach (var role in RoleNames.All)
            if (!existingRoles.Contains(roles.NormalizeKey(role)))
                await roles.CreateAsync(new IdentityRole(role));

        await WarnOfSeparationViolationsAsync(db, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Security"), ct);

        if (!await db.Routes.AnyAsync(ct))
        {
            db.Routes.Add(RouteDefinition.StandardV1(sp.GetRequiredService<TimeProvider>().GetUtcNow()));
            await db.SaveChangesAsync(ct);
        }

        if (db is PostgresAppDbContext pg && sp.GetRequiredService<IOptions<Rectification.EvidenceOptions>>().Value
                .StoreOn(DatabaseProvider.PostgreSql) == Rectification.EvidenceStoreKind.Database
            && await Rectification.EvidenceMigration.CountMissingFromDatabaseStoreAsync(pg, ct) is > 0 and var notInStore)
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Evidence").LogWarning(
                "有 {Count} 份佐证材料不在数据库存储中（升级前保存在各节点的数据目录里），下载时将提示“佐证材料文件缺失”：请在保存过它们的节点上运行 evidence migrate。 / {Count} evidence contents are not in the database store yet (kept in the nodes' data folders before the upgrade): run 'evidence migrate' on the node that holds them.",
                notInStore, notInStore);

        await sp.GetRequiredService<CalendarStore>().SeedOfficialAsync(ct);
        JobsExtensions.ScheduleRecurringJobs(sp);

        var demoOptions = sp.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (demo && demoOptions.Seed)
        {
            if (env.IsProduction())
            {
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("Demo")
                    .LogWarning("Demo:Seed is ignored in the Production environment: no demo users are created.");
                return;
            }
            await sp.GetRequiredService<DemoSeeder>().SeedAsync(demoOptions.Password, ct);
        }
    }
}
