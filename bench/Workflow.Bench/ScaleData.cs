using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Calendar;
using Workflow.Activities.Organization;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using Workflow.Host.Data;
using Workflow.Host.Identity;

namespace Workflow.Bench;

/// <summary>
/// Grows the app's database with generated agencies written through the domain (so every row is one the app could have written):
/// per agency a drafter and a secretary who can sign in, ten years of reports (earlier years approved, this year spread over the route)
/// and ten rectification items in every state with deadlines a year either side of today. 100 agencies share a committee (with a
/// committee user), 50 an inspection team (with an inspector); this year's reporting cycle covers them all. Each <see cref="Space"/>
/// has its own ids, names and users, so two scenarios can grow one database side by side. The rows are written by <see cref="BulkRows"/>
/// (raw prepared inserts from the app's model, history sealed as the app seals it), not by SaveChanges.
/// </summary>
internal sealed class ScaleData(Func<AppDbContext> open, DateTimeOffset now, ScaleData.Space space) : IDisposable
{
    /// <summary>The ids, user-name prefix and names of one scenario's generated organisation.</summary>
    public sealed record Space(int Kind, string Prefix, string Name, string Code)
    {
        /// <summary>ScaleFigures' growth from 1k to 100k reports.</summary>
        public static readonly Space Growth = new(0, "bench", "基准", "B");

        /// <summary>YearsFigures' 100 agencies over one year, then ten.</summary>
        public static readonly Space Years = new(10, "years", "十年", "Y");

        public Guid CommitteeId(int k) => Id(1, k);
        public Guid TeamId(int k) => Id(2, k);
        public Guid AgencyId(int n) => Id(3, n);
        public string CommitteeUser(int k) => $"{Prefix}.committee{k}";
        public string SecretaryUser(int n) => $"{Prefix}.secretary{n}";
        public string DrafterUser(int n) => $"{Prefix}.drafter{n}";
        public string InspectorUser(int k) => $"{Prefix}.inspector{k}";

        /// <summary>The user id the generator gives <paramref name="userName"/>: a stable id lets later years act as the same people.</summary>
        public string UserId(string userName) => Prefix + "-" + userName[(Prefix.Length + 1)..];

        private Guid Id(int kind, int n) => Guid.Parse($"b0000000-0000-0000-{Kind + kind:0000}-{n:000000000000}");
    }

    public const int YearsPerAgency = 10;
    public const int ItemsPerAgency = 10;
    private const int AgenciesPerCommittee = 100;
    private const int AgenciesPerTeam = 50;
    private const int Batch = 100;

    private static readonly string BodyText = MakeBody();
    private readonly int _year = now.AddMonths(-1).Year;
    private Dictionary<string, string>? _roleIds;
    private string? _passwordHash;
    private RouteDefinition? _route;
    private Guid? _cycleId;
    private BulkRows? _rows;

    public int Agencies { get; private set; }

    /// <summary>The years every agency has so far, counted back from this year.</summary>
    public int Years { get; private set; } = YearsPerAgency;

    /// <summary>Adds agencies with all ten years until the generated reports number <paramref name="reports"/>.</summary>
    public async Task GrowToAsync(int reports)
    {
        var target = reports / YearsPerAgency;
        await PrepareAsync();
        await WriteAsync(Batches(Agencies, target).Select(b => (Action<AppDbContext>)(db => AddAgencies(db, b.First, b.Count))));
        Agencies = Math.Max(Agencies, target);
    }

    /// <summary>Adds <paramref name="count"/> agencies with this year only: its report and its items.</summary>
    public async Task AddAgenciesWithThisYearAsync(int count)
    {
        await PrepareAsync();
        Years = 1;
        await WriteAsync(Batches(Agencies, count).Select(b => (Action<AppDbContext>)(db => AddAgencies(db, b.First, b.Count))));
        Agencies = count;
    }

    /// <summary>Gives every agency the earlier years up to ten in all: approved reports and the items of those years.</summary>
    public async Task AddEarlierYearsAsync()
    {
        await PrepareAsync();
        await WriteAsync(Batches(0, Agencies).Select(b => (Action<AppDbContext>)(db =>
        {
            for (var n = b.First; n < b.First + b.Count; n++)
                AddYears(db, n, _year - YearsPerAgency + 1, _year - Years);
        })));
        Years = YearsPerAgency;
    }

    private static IEnumerable<(int First, int Count)> Batches(int from, int to)
    {
        for (var first = from; first < to; first += Batch)
            yield return (first, Math.Min(Batch, to - first));
    }

    /// <summary>
    /// Fills, keys and seals each batch (the domain's work) while the previous one is being inserted (SQLite's): the two halves
    /// run on both cores. Batches are stored in order, one transaction each.
    /// </summary>
    private async Task WriteAsync(IEnumerable<Action<AppDbContext>> batches)
    {
        _rows!.ForgetKeys();
        Task? writing = null;
        try
        {
            foreach (var fill in batches)
            {
                var db = Open();
                fill(db);
                var prepared = _rows.Prepare(db);
                if (writing is not null) await writing;
                writing = Task.Run(() =>
                {
                    using (prepared.Db) _rows.Store(prepared);
                });
            }
        }
        finally
        {
            if (writing is not null) await writing;
        }
    }

    private async Task PrepareAsync()
    {
        if (_roleIds is not null) return;
        await using var db = open();
        _roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
        _route = await db.Routes.AsNoTracking().OrderByDescending(r => r.Version).FirstAsync();
        _cycleId = await db.Cycles.Where(c => c.Year == _year).Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
        _passwordHash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), Harness.Password);
        _rows = new BulkRows(db.Database.GetConnectionString()!);
    }

    public void Dispose() => _rows?.Dispose();

    private AppDbContext Open()
    {
        var db = open();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Routes.Attach(_route!);
        return db;
    }

    private void AddAgencies(AppDbContext db, int first, int count)
    {
        for (var n = first; n < first + count; n++)
        {
            if (n % AgenciesPerCommittee == 0)
            {
                var k = n / AgenciesPerCommittee;
                db.Units.Add(new Unit(space.CommitteeId(k), $"{space.Name}工委{k}", $"{space.Code}GW{k}", UnitKind.Committee));
                AddUser(db, space.CommitteeUser(k), $"工委审核人{k}", RoleNames.Committee, space.CommitteeId(k));
            }
            if (n % AgenciesPerTeam == 0)
            {
                var k = n / AgenciesPerTeam;
                db.Units.Add(new Unit(space.TeamId(k), $"{space.Name}纪检监察组{k}", $"{space.Code}JJ{k}", UnitKind.InspectionTeam));
                AddUser(db, space.InspectorUser(k), $"纪检监察组审核人{k}", RoleNames.DisciplineInspector, space.TeamId(k));
            }
            var unitId = space.AgencyId(n);
            db.Units.Add(new Unit(unitId, $"{space.Name}单位{n}", Code(n), UnitKind.Agency,
                space.CommitteeId(n / AgenciesPerCommittee), space.TeamId(n / AgenciesPerTeam)));
            AddUser(db, space.DrafterUser(n), $"起草人{n}", RoleNames.Drafter, unitId);
            AddUser(db, space.SecretaryUser(n), $"书记{n}", RoleNames.PartySecretary, unitId);
            if (_cycleId is { } cycleId) db.Add(new Workflow.Activities.Cycles.ReportingCycleUnit(cycleId, unitId));
            AddYears(db, n, _year - Years + 1, _year);
        }
    }

    private string Code(int n) => $"{space.Code}U{n}";

    /// <summary>Agency n's reports of the years <paramref name="from"/> to <paramref name="to"/>, and its items of those years.</summary>
    private void AddYears(AppDbContext db, int n, int from, int to)
    {
        var unitId = space.AgencyId(n);
        var code = Code(n);
        var drafter = ActorOf(space.DrafterUser(n), $"起草人{n}", RoleNames.Drafter);
        var secretary = ActorOf(space.SecretaryUser(n), $"书记{n}", RoleNames.PartySecretary);
        var inspector = ActorOf(space.InspectorUser(n / AgenciesPerTeam), $"纪检监察组审核人{n / AgenciesPerTeam}", RoleNames.DisciplineInspector);
        var committee = ActorOf(space.CommitteeUser(n / AgenciesPerCommittee), $"工委审核人{n / AgenciesPerCommittee}", RoleNames.Committee);

        var reports = new Dictionary<int, Guid>();
        for (var year = from; year <= to; year++)
        {
            var start = now.AddDays(-(_year - year) * 365 - 40 - n % 30);
            var report = Report.Create(unitId, year, $"中共{space.Name}单位{n}党组关于{year}年度落实全面从严治党主体责任情况的报告", BodyText, _route!, drafter, start);
            if (year < _year)
            {
                report.Submit(drafter, start.AddDays(1));
                report.Approve(secretary, "同意报送。", start.AddDays(2));
                report.Approve(inspector, null, start.AddDays(4));
                report.Approve(committee, "审核通过。", start.AddDays(6));
            }
            else
                Advance(report, n % 10, drafter, secretary, inspector, committee, start);
            reports[year] = report.Id;
            db.Reports.Add(report);
        }

        var today = ChinaTime.DateOf(now);
        for (var k = 0; k < ItemsPerAgency; k++)
        {
            var year = _year - k / 2;
            if (year < from || year > to) continue;
            var created = now.AddDays(-(_year - year) * 365 - 30);
            var deadline = today.AddDays((n * 7 + k * 37) % 730 - 365);
            var item = RectificationItem.Create(unitId, code, year, k % 2 + 1, RectificationSource.SelfInspection,
                new RectificationFields("年度报告自查", $"第{k + 1}项：落实主体责任存在薄弱环节，{space.Name}单位{n}需对照检视问题逐项整改", "制定整改方案，明确责任人和完成时限",
                    secretary.DisplayName, "机关党委", drafter.UserId, drafter.DisplayName, deadline),
                secretary, created, reports.GetValueOrDefault(year));
            switch ((n + k) % 10)
            {
                case 0 or 1 or 2:
                    break;
                case 3 or 4 or 5:
                    item.Start(drafter, created.AddDays(1));
                    break;
                case 6:
                    item.Start(drafter, created.AddDays(1));
                    item.RequestClosure(drafter, "已完成整改。", created.AddDays(20));
                    break;
                case 7 or 8:
                    item.Start(drafter, created.AddDays(1));
                    item.RequestClosure(drafter, "已完成整改。", created.AddDays(20));
                    item.ApproveClosure(secretary, "同意销号。", created.AddDays(25));
                    break;
                default:
                    item.Start(drafter, created.AddDays(1));
                    item.MarkLongTerm(drafter, "需长期坚持、常抓不懈。", today.AddDays(30 + k), ChinaTime.DateOf(created), created.AddDays(10));
                    break;
            }
            db.RectificationItems.Add(item);
        }
    }

    /// <summary>This year's report of agency n: 30 % drafts, the rest spread over the review steps, returned and approved.</summary>
    private static void Advance(Report report, int slot, Actor drafter, Actor secretary, Actor inspector, Actor committee, DateTimeOffset start)
    {
        if (slot <= 2) return;
        report.Submit(drafter, start.AddDays(1));
        if (slot is 3 or 4) return;
        if (slot == 7)
        {
            report.Return(secretary, "请补充整改措施。", false, start.AddDays(2));
            return;
        }
        report.Approve(secretary, "同意报送。", start.AddDays(2));
        if (slot == 5) return;
        report.Approve(inspector, null, start.AddDays(4));
        if (slot == 6) return;
        report.Approve(committee, "审核通过。", start.AddDays(6));
    }

    private void AddUser(AppDbContext db, string userName, string displayName, string role, Guid unitId)
    {
        var user = new AppUser
        {
            Id = space.UserId(userName), UserName = userName, NormalizedUserName = userName.ToUpperInvariant(),
            Email = userName + "@bench.example.gov.cn", NormalizedEmail = (userName + "@bench.example.gov.cn").ToUpperInvariant(),
            EmailConfirmed = true, DisplayName = displayName, UnitId = unitId, PasswordHash = _passwordHash,
            SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString("N"), LockoutEnabled = true,
        };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = _roleIds![role] });
    }

    private Actor ActorOf(string userName, string displayName, string role) => new(space.UserId(userName), displayName, Set(role));

    private static HashSet<string> Set(string role) => [role];

    /// <summary>About 1,600 characters in the shape of a real report, without placeholders.</summary>
    private static string MakeBody()
    {
        var text = new StringBuilder("一年来，党组坚持以习近平新时代中国特色社会主义思想为指导，认真履行全面从严治党主体责任。\n一、履行主体责任情况\n");
        for (var i = 1; i <= 12; i++)
            text.Append($"（{i}）坚持把党的政治建设摆在首位，全年召开党组会议{i + 10}次，专题研究全面从严治党工作，压紧压实各级责任，推动管党治党向纵深发展。\n");
        text.Append("二、存在的问题\n一是理论学习的深度还不够。\n二是监督执纪的力度还需加强。\n三、下一步打算\n一是深化理论武装。\n二是强化监督检查。\n");
        return text.ToString();
    }
}
