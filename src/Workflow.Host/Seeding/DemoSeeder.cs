using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Activities.Calendar;
using Workflow.Activities.Cycles;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using Workflow.Host.Calendar;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Reminders;

namespace Workflow.Host.Seeding;

/// <summary>Creates the demo organisation, users and reports; running it twice changes nothing.</summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, IOptions<ReminderOptions> reminders,
    CalendarStore calendar, ILogger<DemoSeeder> log)
{
    public static readonly Guid Committee = Guid.Parse("10000000-0000-0000-0000-000000000001");
    public static readonly Guid Team1 = Guid.Parse("10000000-0000-0000-0000-000000000011");
    public static readonly Guid Team2 = Guid.Parse("10000000-0000-0000-0000-000000000012");
    public static readonly Guid Kexie = Guid.Parse("10000000-0000-0000-0000-000000000101");
    public static readonly Guid Shengtai = Guid.Parse("10000000-0000-0000-0000-000000000102");
    public static readonly Guid Haishi = Guid.Parse("10000000-0000-0000-0000-000000000103");
    public static readonly Guid Renda = Guid.Parse("10000000-0000-0000-0000-000000000104");

    /// <summary>市统计局: a returned report, a rejected closure, an extension waiting for decision, a long-term item due for review.</summary>
    public static readonly Guid Tongji = Guid.Parse("10000000-0000-0000-0000-000000000105");

    /// <summary>市审计局: its report waits at the secretary past the step's time limit (late).</summary>
    public static readonly Guid Shenji = Guid.Parse("10000000-0000-0000-0000-000000000106");

    /// <summary>市机关事务管理局: in the open cycle without any report.</summary>
    public static readonly Guid Jiguan = Guid.Parse("10000000-0000-0000-0000-000000000107");

    /// <summary>The agencies of this year's cycle.</summary>
    public static readonly Guid[] CycleAgencies = [Kexie, Shengtai, Haishi, Renda, Tongji, Shenji, Jiguan];

    public async Task SeedAsync(string password, CancellationToken ct = default)
    {
        await SeedOrganisationAsync(password, ct);
        await SeedReportsAsync(ct);
        await SeedFirstLoginScenesAsync(ct);
        await SeedCycleAsync(ct);
        await SeedRolesAsync(password, ct);
        log.LogInformation("Demo data is in place.");
    }

    /// <summary>Only the demo units and users, for tests that write their own reports.</summary>
    public async Task SeedOrganisationAsync(string password, CancellationToken ct = default)
    {
        await SeedUnitsAsync(ct);
        await SeedUsersAsync(password);
    }

    private async Task SeedUnitsAsync(CancellationToken ct)
    {
        Unit[] units =
        [
            new(Committee, "市直机关工委", "GW", UnitKind.Committee),
            new(Team1, "派驻第一纪检监察组", "JJ1", UnitKind.InspectionTeam),
            new(Team2, "派驻第二纪检监察组", "JJ2", UnitKind.InspectionTeam),
            new(Kexie, "市科协", "KX", UnitKind.Agency, Committee, Team1),
            new(Shengtai, "生态环境局", "STHJ", UnitKind.Agency, Committee, Team1),
            new(Haishi, "市海事法院", "HSFY", UnitKind.Agency, Committee, Team2),
            new(Renda, "市人大常委会机关", "RDJG", UnitKind.Agency, Committee, Team2),
            new(Tongji, "市统计局", "TJJ", UnitKind.Agency, Committee, Team1),
            new(Shenji, "市审计局", "SJJ", UnitKind.Agency, Committee, Team2),
            new(Jiguan, "市机关事务管理局", "JGSWJ", UnitKind.Agency, Committee, Team1),
        ];
        var existing = await db.Units.Select(u => u.Id).ToListAsync(ct);
        db.Units.AddRange(units.Where(u => !existing.Contains(u.Id)));
        await db.SaveChangesAsync(ct);
    }

    private static readonly (string UserName, string Name, string Role, Guid Unit)[] DemoUsers =
    [
        ("drafter.kexie", "王丽（市科协办公室）", RoleNames.Drafter, Kexie),
        ("secretary.kexie", "李明（市科协党组书记）", RoleNames.PartySecretary, Kexie),
        ("drafter.shengtai", "赵敏（生态环境局办公室）", RoleNames.Drafter, Shengtai),
        ("secretary.shengtai", "陈刚（生态环境局党组书记）", RoleNames.PartySecretary, Shengtai),
        ("drafter.haishi", "孙婷（海事法院办公室）", RoleNames.Drafter, Haishi),
        ("secretary.haishi", "周强（海事法院党组书记）", RoleNames.PartySecretary, Haishi),
        ("drafter.renda", "吴芳（人大机关办公厅）", RoleNames.Drafter, Renda),
        ("secretary.renda", "郑伟（人大机关党组书记）", RoleNames.PartySecretary, Renda),
        ("drafter.tongji", "钱进（市统计局办公室）", RoleNames.Drafter, Tongji),
        ("secretary.tongji", "冯涛（市统计局党组书记）", RoleNames.PartySecretary, Tongji),
        ("drafter.shenji", "许静（市审计局办公室）", RoleNames.Drafter, Shenji),
        ("secretary.shenji", "韩冰（市审计局党组书记）", RoleNames.PartySecretary, Shenji),
        ("drafter.jiguan", "曹雪（市机关事务管理局办公室）", RoleNames.Drafter, Jiguan),
        ("secretary.jiguan", "彭飞（市机关事务管理局党组书记）", RoleNames.PartySecretary, Jiguan),
        ("inspector.team1", "刘洋（派驻第一纪检监察组）", RoleNames.DisciplineInspector, Team1),
        ("inspector.team2", "黄磊（派驻第二纪检监察组）", RoleNames.DisciplineInspector, Team2),
        ("committee.gongwei", "马骏（市直机关工委）", RoleNames.Committee, Committee),
        // 三员分立: one account per administrator role.
        ("admin", "系统管理员", RoleNames.Admin, Committee),
        ("secadmin", "安全保密管理员", RoleNames.SecurityAdmin, Committee),
        ("auditor", "安全审计员", RoleNames.Auditor, Committee),
    ];

    private async Task SeedUsersAsync(string password)
    {
        // One hash for the one demo password: a hash carries its own salt and verifies for any account, and hashing is made to
        // be slow (PBKDF2, on purpose): two dozen of them slowed every demo start and every test app that seeds the demo.
        string? hash = null;
        foreach (var (userName, name, role, unit) in DemoUsers)
        {
            if (await users.FindByNameAsync(userName) is not null) continue;
            var user = new AppUser { UserName = userName, DisplayName = name, UnitId = unit, Email = $"{userName}@example.gov.cn", EmailConfirmed = true };
            // The demo password is set as it is: it predates the password policy and is for local use only.
            user.PasswordHash = hash ??= users.PasswordHasher.HashPassword(user, password);
            Check(await users.CreateAsync(user), userName);
            Check(await users.AddToRoleAsync(user, role), userName);
        }
    }

    /// <summary>The demo role 分管领导 (added by the 系统管理员 in 角色管理) and its holder, 市机关事务管理局's leader, who also holds it at 市审计局 (兼职).</summary>
    public const string LeaderRole = "分管领导";

    private async Task SeedRolesAsync(string password, CancellationToken ct)
    {
        if (await db.RoleDefinitions.AnyAsync(r => r.Name == LeaderRole, ct)) return;
        db.RoleDefinitions.Add(new RoleDefinition
        {
            Id = Guid.NewGuid(), Name = LeaderRole, UnitKind = UnitKind.Agency, Description = "分管本单位全面从严治党工作的班子成员", CreatedAt = clock.GetUtcNow(),
        });
        db.Roles.Add(new IdentityRole(LeaderRole) { NormalizedName = LeaderRole.ToUpperInvariant() });
        await db.SaveChangesAsync(ct);
        const string userName = "leader.jiguan";
        var leader = new AppUser { UserName = userName, DisplayName = "严华（市机关事务管理局分管领导）", UnitId = Jiguan, Email = $"{userName}@example.gov.cn", EmailConfirmed = true };
        leader.PasswordHash = users.PasswordHasher.HashPassword(leader, password);
        Check(await users.CreateAsync(leader), userName);
        Check(await users.AddToRoleAsync(leader, LeaderRole), userName);
        db.UserPosts.Add(new UserPost { UserId = leader.Id, UnitId = Shenji, Role = LeaderRole, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Demo user {userName}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private async Task<Actor> ActorAsync(string userName)
    {
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var roles = await users.GetRolesAsync(user);
        return new Actor(user.Id, user.DisplayName, roles.ToHashSet());
    }

    /// <summary>This year's reporting cycle for the demo agencies, due at the end of January next year.</summary>
    private async Task SeedCycleAsync(CancellationToken ct)
    {
        var year = clock.GetUtcNow().AddMonths(-1).Year;
        if (await db.Cycles.AnyAsync(c => c.Year == year, ct)) return;
        var admin = await users.FindByNameAsync("admin");
        db.Cycles.Add(new ReportingCycle(Guid.NewGuid(), $"{year}年度", year, new DateOnly(year + 1, 1, 29), CycleAgencies,
            reminders.Value.Policy, admin?.Id ?? "", clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedReportsAsync(CancellationToken ct)
    {
        Guid[] agencies = [Kexie, Shengtai, Haishi, Renda];
        if (await db.Reports.AnyAsync(r => agencies.Contains(r.UnitId), ct)) return;
        var route = await db.Routes.OrderByDescending(r => r.Version).FirstAsync(ct);
        var now = clock.GetUtcNow();
        var year = now.AddMonths(-1).Year;
        DateTimeOffset Ago(int days) => now.AddDays(-days);

        var kexieDrafter = await ActorAsync("drafter.kexie");
        var kexieSecretary = await ActorAsync("secretary.kexie");
        var shengtaiDrafter = await ActorAsync("drafter.shengtai");
        var shengtaiSecretary = await ActorAsync("secretary.shengtai");
        var haishiDrafter = await ActorAsync("drafter.haishi");
        var haishiSecretary = await ActorAsync("secretary.haishi");
        var rendaDrafter = await ActorAsync("drafter.renda");
        var rendaSecretary = await ActorAsync("secretary.renda");
        var team1 = await ActorAsync("inspector.team1");
        var team2 = await ActorAsync("inspector.team2");
        var committee = await ActorAsync("committee.gongwei");

        // 市科协: last year's report approved, this year's still a draft with placeholders.
        var kexiePrevious = Report.Create(Kexie, year - 1, $"中共市科协党组关于{year - 1}年度落实全面从严治党主体责任情况的报告",
            DemoTexts.Body("市科协党组", year - 1, placeholders: false), route, kexieDrafter, Ago(330));
        kexiePrevious.Submit(kexieDrafter, Ago(329));
        kexiePrevious.Approve(kexieSecretary, "同意报送。", Ago(328));
        kexiePrevious.Approve(team1, null, Ago(325));
        kexiePrevious.Approve(committee, "审核通过。", Ago(320));

        var kexieDraft = Report.Create(Kexie, year, $"中共市科协党组关于{year}年度落实全面从严治党主体责任情况的报告",
            DemoTexts.Body("市科协党组", year, placeholders: true), route, kexieDrafter, Ago(6));

        // 生态环境局: waiting for its party-group secretary.
        var shengtai = Report.Create(Shengtai, year, $"中共市生态环境局党组关于{year}年度落实全面从严治党主体责任情况的报告",
            DemoTexts.Body("市生态环境局党组", year, placeholders: false), route, shengtaiDrafter, Ago(9));
        shengtai.Submit(shengtaiDrafter, Ago(4));

        // 市海事法院: passed the secretary, with the discipline inspection team.
        var haishi = Report.Create(Haishi, year, $"中共市海事法院党组关于{year}年度落实全面从严治党主体责任情况的报告",
            DemoTexts.Body("市海事法院党组", year, placeholders: false), route, haishiDrafter, Ago(12));
        haishi.Submit(haishiDrafter, Ago(10));
        haishi.Approve(haishiSecretary, "同意，报派驻纪检监察组。", Ago(8));

        // 市人大常委会机关: returned by the discipline team once, revised, now with the committee.
        var renda = Report.Create(Renda, year, $"中共市人大常委会机关党组关于{year}年度落实全面从严治党主体责任情况的报告",
            DemoTexts.Body("市人大常委会机关党组", year, placeholders: false), route, rendaDrafter, Ago(20));
        renda.Submit(rendaDrafter, Ago(18));
        renda.Approve(rendaSecretary, null, Ago(16));
        renda.Return(team2, "“存在的问题”部分过于笼统，请结合巡察反馈意见逐条列明问题并对应整改措施。", false, Ago(14));
        renda.Edit(rendaDrafter, renda.Title, renda.Body + "\n四是对巡察反馈的3个问题已建立整改台账，逐条明确责任人和完成时限。", Ago(12));
        renda.Submit(rendaDrafter, Ago(12));
        renda.Approve(team2, "已按要求补充，同意。", Ago(5));

        // 生态环境局 last year: returned by the committee and waiting for the drafter.
        var shengtaiPrevious = Report.Create(Shengtai, year - 1, $"中共市生态环境局党组关于{year - 1}年度落实全面从严治党主体责任情况的报告",
            DemoTexts.Body("市生态环境局党组", year - 1, placeholders: false), route, shengtaiDrafter, Ago(40));
        shengtaiPrevious.Submit(shengtaiDrafter, Ago(38));
        shengtaiPrevious.Approve(shengtaiSecretary, null, Ago(36));
        shengtaiPrevious.Approve(team1, null, Ago(33));
        shengtaiPrevious.Return(committee, "请补充第一种形态运用的具体数据，并说明主题教育检视问题的整改进展。", false, Ago(30));

        db.Reports.AddRange(kexiePrevious, kexieDraft, shengtai, haishi, renda, shengtaiPrevious);
        db.RectificationItems.AddRange(DemoLedger(kexiePrevious, kexieDrafter, kexieSecretary, rendaDrafter, rendaSecretary, now));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// What the first login should show whatever today is, timed by the working calendar from the clock's China day: 市审计局 late at
    /// its secretary's step, 市统计局's report returned with a comment and its drafter's closure rejected (二次整改), an extension
    /// request waiting for its secretary and a long-term item due for its periodic review; 市机关事务管理局 has no report (it is only in the cycle).
    /// </summary>
    private async Task SeedFirstLoginScenesAsync(CancellationToken ct)
    {
        Guid[] units = [Tongji, Shenji];
        if (await db.Reports.AnyAsync(r => units.Contains(r.UnitId), ct) || await db.RectificationItems.AnyAsync(i => units.Contains(i.UnitId), ct))
            return;
        var route = await db.Routes.OrderByDescending(r => r.Version).FirstAsync(ct);
        var days = await calendar.LoadAsync(ct);
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var year = now.AddMonths(-1).Year;
        // 10:00 China time, n working days before today: a past instant on a day the step-deadline rule counts from.
        DateTimeOffset WorkingDaysAgo(int n) =>
            new(days.AddWorkingDays(today, -n).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));

        var tongjiDrafter = await ActorAsync("drafter.tongji");
        var tongjiSecretary = await ActorAsync("secretary.tongji");
        var shenjiDrafter = await ActorAsync("drafter.shenji");

        // 市审计局: submitted seven working days ago; the secretary's step allows fewer, so it is overdue whatever the weekday.
        var shenji = Report.Create(Shenji, year, $"中共市审计局党组关于{year}年度落实全面从严治党主体责任情况的报告",
            DemoTexts.Body("市审计局党组", year, placeholders: false), route, shenjiDrafter, WorkingDaysAgo(12));
        shenji.Submit(shenjiDrafter, WorkingDaysAgo(route.First.TimeLimitWorkingDays + 4));

        // 市统计局: returned by its secretary two working days ago, waiting for the drafter to revise.
        var tongji = Report.Create(Tongji, year, $"中共市统计局党组关于{year}年度落实全面从严治党主体责任情况的报告",
            DemoTexts.Body("市统计局党组", year, placeholders: false), route, tongjiDrafter, WorkingDaysAgo(9));
        tongji.Submit(tongjiDrafter, WorkingDaysAgo(4));
        tongji.Return(tongjiSecretary, DemoTexts.ReturnComment, false, WorkingDaysAgo(2));

        db.Reports.AddRange(shenji, tongji);
        db.RectificationItems.AddRange(DemoTexts.TongjiLedger(year).Select((fields, k) =>
        {
            var (category, source, problem, measures) = fields;
            var item = RectificationItem.Create(Tongji, "TJJ", year, k + 1, source,
                new RectificationFields(category, problem, measures, "冯涛", "办公室", tongjiDrafter.UserId, tongjiDrafter.DisplayName,
                    today.AddDays(k switch { 0 => 20, 1 => 3, _ => 60 })), tongjiSecretary, WorkingDaysAgo(40));
            item.Start(tongjiDrafter, WorkingDaysAgo(38));
            switch (k)
            {
                case 0:
                    item.RequestClosure(tongjiDrafter, "已制定统计数据质量核查办法，完成上半年数据复核。", WorkingDaysAgo(8));
                    item.RejectClosure(tongjiSecretary, DemoTexts.RejectClosureComment, WorkingDaysAgo(5));
                    break;
                case 1:
                    item.RequestExtension(tongjiDrafter, today.AddDays(45), "涉及跨部门数据共享平台改造，需待市大数据局排期上线。", WorkingDaysAgo(1));
                    break;
                default:
                    // 长期坚持 with a periodic review (定期评估) that falls due today: the owner is asked to review it, date after date.
                    item.MarkLongTerm(tongjiDrafter, "防范统计造假是长期任务，需每季度评估一次。", today, ChinaTime.DateOf(WorkingDaysAgo(30)), WorkingDaysAgo(30));
                    break;
            }
            return item;
        }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A ledger to look at: last year's self-found problems of 市科协 at different points of their lifecycle (closed, overdue,
    /// long-term), and two 巡察 items of 人大机关 (one due within a week, one awaiting close-out).
    /// </summary>
    private static List<RectificationItem> DemoLedger(Report kexiePrevious, Actor kexieDrafter, Actor kexieSecretary, Actor rendaDrafter,
        Actor rendaSecretary, DateTimeOffset now)
    {
        var today = ChinaTime.DateOf(now);
        DateTimeOffset Ago(int days) => now.AddDays(-days);
        var items = new List<RectificationItem>();
        var problems = ProblemExtractor.Extract(kexiePrevious.Body);
        for (var k = 0; k < problems.Count; k++)
        {
            var p = problems[k];
            var item = RectificationItem.Create(Kexie, "KX", kexiePrevious.Year, k + 1, RectificationSource.SelfInspection,
                new RectificationFields("年度报告自查", p.Problem, p.Measures, "李明", "机关党委", kexieDrafter.UserId, kexieDrafter.DisplayName,
                    today.AddDays(k == 0 ? -60 : k == 1 ? -10 : 120)), kexieSecretary, Ago(300), kexiePrevious.Id);
            item.Start(kexieDrafter, Ago(290));
            if (k == 0)
            {
                item.RequestClosure(kexieDrafter, "已修订党组理论学习中心组学习制度并印发，全年开展专题学习12次。", Ago(70));
                item.ApproveClosure(kexieSecretary, "整改到位，同意销号。", Ago(65));
            }
            else if (k == 2)
                item.MarkLongTerm(kexieDrafter, "作风建设永远在路上，需长期坚持、常抓不懈。", today.AddDays(90), ChinaTime.DateOf(Ago(20)), Ago(20));
            items.Add(item);
        }

        var soon = RectificationItem.Create(Renda, "RDJG", today.Year, 1, RectificationSource.Inspection,
            new RectificationFields("巡察反馈", "巡察指出：“三重一大”事项集体决策记录不完整", "修订党组议事规则，补齐会议记录", "郑伟", "办公厅",
                rendaDrafter.UserId, rendaDrafter.DisplayName, today.AddDays(5)), rendaSecretary, Ago(40));
        soon.Start(rendaDrafter, Ago(38));
        var applied = RectificationItem.Create(Renda, "RDJG", today.Year, 2, RectificationSource.Inspection,
            new RectificationFields("巡察反馈", "巡察指出：干部档案专项审核发现个别信息不一致", "逐人核对并更正档案信息", "郑伟", "人事处",
                rendaDrafter.UserId, rendaDrafter.DisplayName, today.AddDays(30)), rendaSecretary, Ago(40));
        applied.Start(rendaDrafter, Ago(38));
        applied.RequestClosure(rendaDrafter, "已逐人核对68份档案，更正3处信息。", Ago(2));
        items.Add(soon);
        items.Add(applied);
        return items;
    }
}
