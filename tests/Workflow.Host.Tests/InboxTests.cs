using Workflow.Activities.Calendar;
using Workflow.Activities.Cycles;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reminders;
using Workflow.Activities.Reports;
using Workflow.Host.Calendar;
using Workflow.Host.Inbox;
using Workflow.Host.Rectification;

namespace Workflow.Host.Tests;

/// <summary>
/// The 待办 lists everything that waits for me, most urgent first, with the deadline the reminders use: reports to write, drafts,
/// returned reports, review steps, items to work, 二次整改, closures and extensions to decide, items to assign. 已办 lists my decisions.
/// </summary>
public abstract class InboxTestsCases<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    [Theory]
    [InlineData("secretary.shengtai", "Shengtai", 2026, nameof(ReportStatus.SecretaryReview), TodoKind.ReportReview)]
    [InlineData("inspector.team2", "Haishi", 2026, nameof(ReportStatus.DisciplineReview), TodoKind.ReportReview)]
    [InlineData("committee.gongwei", "Renda", 2026, nameof(ReportStatus.CommitteeReview), TodoKind.ReportReview)]
    [InlineData("drafter.shengtai", "Shengtai", 2025, nameof(ReportStatus.Returned), TodoKind.ReportReturned)]
    [InlineData("drafter.kexie", "Kexie", 2026, nameof(ReportStatus.Draft), TodoKind.ReportDraft)]
    public async Task Each_reviewer_and_drafter_finds_the_seeded_report_waiting_for_him(string userName, string unit, int year,
        ReportStatus status, TodoKind kind)
    {
        var expected = await fixture.ReportIdAsync(HostScenarios.DemoUnitId(unit), year);

        var inbox = await fixture.InboxAsync(userName);

        var item = Assert.Single(inbox, i => i.ReportStatus is not null && i.Year < 2030);
        Assert.Equal((expected, status, kind), (item.Id, item.ReportStatus, item.Kind));
        Assert.Equal($"/Reports/Details/{expected}", item.Link);
    }

    [Theory]
    [InlineData("drafter.kexie")]
    [InlineData("drafter.shengtai")]
    [InlineData("drafter.haishi")]
    [InlineData("secretary.shengtai")]
    [InlineData("secretary.kexie")]
    [InlineData("secretary.jiguan")]
    [InlineData("inspector.team1")]
    [InlineData("inspector.team2")]
    [InlineData("committee.gongwei")]
    [InlineData("leader.jiguan")]
    public async Task The_navigation_count_is_the_number_of_rows_the_list_shows(string userName)
    {
        // The count skips what only the rows' display needs (cycle policies, return comments); it must never disagree with the list.
        var user = await fixture.UserAsync(userName);
        var listed = await fixture.InScopeAsync<TodoService, List<TodoRow>>(s => s.ListAsync(user));
        var counted = await fixture.InScopeAsync<TodoService, int>(s => s.CountAsync(user));
        Assert.Equal(listed.Count, counted);
    }

    [Fact]
    public async Task A_returned_report_carries_the_latest_return_comment_who_returned_it_and_when()
    {
        var returned = Assert.Single(await fixture.InboxAsync("drafter.shengtai"), i => i.Kind == TodoKind.ReportReturned);

        Assert.NotNull(returned.LastReturn);
        Assert.False(string.IsNullOrWhiteSpace(returned.LastReturn.Comment));
        Assert.Contains("马骏", returned.LastReturn.By);
        Assert.True(returned.LastReturn.At < fixture.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_draft_is_due_on_its_cycles_due_date_counted_in_working_days()
    {
        var draft = Assert.Single(await fixture.InboxAsync("drafter.kexie"), i => i.Kind == TodoKind.ReportDraft && i.Year == 2026);
        var calendar = await fixture.InScopeAsync<CalendarStore, WorkingCalendar>(c => c.LoadAsync());
        var today = ChinaTime.Today(fixture.Clock);

        Assert.NotNull(draft.Deadline);
        Assert.Equal(new DateOnly(2027, 1, 29), draft.Deadline.DueDate);
        Assert.Equal(calendar.WorkingDaysBetween(today, new DateOnly(2027, 1, 29)), draft.Deadline.WorkingDaysLeft);
        Assert.Equal(DeadlineUrgency.OnTime, draft.Deadline.Urgency);
    }

    [Theory]
    [InlineData("secretary.haishi")]
    [InlineData("drafter.renda")]
    [InlineData("admin")]
    public async Task No_report_waits_for_a_user_when_no_report_of_his_units_is_at_his_step(string userName)
    {
        Assert.DoesNotContain(await fixture.InboxAsync(userName), i => i.Kind is TodoKind.ReportReview or TodoKind.ReportReturned && i.Year < 2030);
    }

    [Fact]
    public async Task A_cycle_without_a_report_of_the_unit_is_a_report_to_write_until_the_drafter_starts_it()
    {
        var cycleId = Guid.NewGuid();
        await fixture.ReadAsync(async db =>
        {
            db.Cycles.Add(new ReportingCycle(cycleId, "2041年度", 2041, new DateOnly(2042, 1, 29), [Seeding.DemoSeeder.Haishi],
                ReminderPolicy.Default, "test", fixture.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });

        var toWrite = Assert.Single(await fixture.InboxAsync("drafter.haishi"), i => i.Kind == TodoKind.ReportToWrite);
        Assert.Equal((cycleId, 2041, "/Reports/Create", "市海事法院"), (toWrite.Id, toWrite.Year, toWrite.Link, toWrite.UnitName));
        Assert.Equal(new DateOnly(2042, 1, 29), toWrite.Deadline!.DueDate);
        Assert.DoesNotContain(await fixture.InboxAsync("drafter.kexie"), i => i.Kind == TodoKind.ReportToWrite);
        Assert.DoesNotContain(await fixture.InboxAsync("secretary.haishi"), i => i.Kind == TodoKind.ReportToWrite);

        var report = await fixture.CreateAsync("drafter.haishi", 2041);

        var inbox = await fixture.InboxAsync("drafter.haishi");
        Assert.DoesNotContain(inbox, i => i.Kind == TodoKind.ReportToWrite);
        var draft = Assert.Single(inbox, i => i.Id == report.Id);
        Assert.Equal((TodoKind.ReportDraft, new DateOnly(2042, 1, 29)), (draft.Kind, draft.Deadline!.DueDate));
    }

    [Fact]
    public async Task A_review_step_is_due_when_the_reminders_say_and_turns_overdue_and_first_in_the_list()
    {
        var report = await fixture.CreateAsync("drafter.kexie", 2030);
        await fixture.ExecuteAsync("drafter.kexie", report.Id, ReportCommand.Submit);
        var submitted = fixture.Clock.GetUtcNow();
        var calendar = await fixture.InScopeAsync<CalendarStore, WorkingCalendar>(c => c.LoadAsync());
        // 党组书记审核 has 3 working days in the standard route.
        var due = ReminderPlanner.StepDueDate(ChinaTime.DateOf(submitted), 3, calendar);

        var row = Assert.Single(await fixture.InboxAsync("secretary.kexie"), i => i.Id == report.Id);
        Assert.Equal((TodoKind.ReportReview, due, calendar.WorkingDaysBetween(ChinaTime.Today(fixture.Clock), due)),
            (row.Kind, row.Deadline!.DueDate, row.Deadline.WorkingDaysLeft));

        // Two working days past the due date: overdue, red, and ahead of everything with a later deadline.
        fixture.Clock.Advance(TimeSpan.FromDays(due.DayNumber - ChinaTime.Today(fixture.Clock).DayNumber + 4));
        var inbox = await fixture.InboxAsync("secretary.kexie");
        row = Assert.Single(inbox, i => i.Id == report.Id);
        Assert.True(row.Deadline!.WorkingDaysLeft < 0);
        Assert.Equal(DeadlineUrgency.Overdue, row.Deadline.Urgency);
        Assert.StartsWith("逾期", row.Deadline.Text);
        Assert.Equal(inbox.OrderBy(i => i.Deadline?.DueDate ?? DateOnly.MaxValue).Select(i => i.Id), inbox.Select(i => i.Id));

        await fixture.ExecuteAsync("secretary.kexie", report.Id, ReportCommand.Approve);
        Assert.DoesNotContain(await fixture.InboxAsync("secretary.kexie"), i => i.Id == report.Id);
        Assert.Contains(await fixture.InboxAsync("inspector.team1"), i => i.Id == report.Id && i.Kind == TodoKind.ReportReview);
        Assert.DoesNotContain(await fixture.InboxAsync("inspector.team2"), i => i.Id == report.Id);
    }

    [Fact]
    public async Task Items_to_work_to_rework_to_decide_and_to_assign_wait_for_the_right_person()
    {
        var drafter = await fixture.UserAsync("drafter.renda");
        var secretary = await fixture.UserAsync("secretary.renda");
        var deadline = ChinaTime.Today(fixture.Clock).AddDays(30);
        var item = await fixture.InScopeAsync<RectificationIntake, RectificationItem>(s => s.CreateAsync(drafter, null,
            RectificationSource.SelfInspection, new ItemInput(null, "待办测试：学习记录不全", null, null, null, "drafter.renda", deadline)));
        var unassigned = await fixture.InScopeAsync<RectificationIntake, RectificationItem>(s => s.CreateAsync(drafter, null,
            RectificationSource.SelfInspection, new ItemInput(null, "待办测试：尚未指定", null, null, null, null, null)));

        async Task<List<TodoKind>> KindsAsync(string userName, Guid id) =>
            (await fixture.InboxAsync(userName)).Where(i => i.Id == id).Select(i => i.Kind).ToList();

        Assert.Equal([TodoKind.ItemToWork], await KindsAsync("drafter.renda", item.Id));
        var row = Assert.Single(await fixture.InboxAsync("drafter.renda"), i => i.Id == item.Id);
        Assert.Equal((deadline, $"/Rectifications/Details/{item.Id}"), (row.Deadline!.DueDate, row.Link));
        Assert.Empty(await KindsAsync("secretary.renda", item.Id));
        Assert.Equal([TodoKind.ItemToAssign], await KindsAsync("secretary.renda", unassigned.Id));
        Assert.Empty(await KindsAsync("drafter.renda", unassigned.Id));
        Assert.Empty(await KindsAsync("secretary.kexie", unassigned.Id));

        await fixture.InScopeAsync<RectificationCommands, RectificationItem>(s => s.StartAsync(drafter, item.Id));
        await fixture.InScopeAsync<RectificationCommands, RectificationItem>(s => s.RequestClosureAsync(drafter, item.Id, "已整改。"));
        Assert.Empty(await KindsAsync("drafter.renda", item.Id));
        Assert.Equal([TodoKind.ItemClosure], await KindsAsync("secretary.renda", item.Id));

        await fixture.InScopeAsync<RectificationCommands, RectificationItem>(s => s.RejectClosureAsync(secretary, item.Id, "佐证不足。"));
        Assert.Empty(await KindsAsync("secretary.renda", item.Id));
        Assert.Equal([TodoKind.ItemRework], await KindsAsync("drafter.renda", item.Id));
        Assert.Equal("二次整改（第1次）", Assert.Single(await fixture.InboxAsync("drafter.renda"), i => i.Id == item.Id).State);

        await fixture.InScopeAsync<RectificationCommands, RectificationItem>(s =>
            s.RequestExtensionAsync(drafter, item.Id, deadline.AddDays(30), "需要更多时间。"));
        Assert.Equal([TodoKind.ItemExtension], await KindsAsync("secretary.renda", item.Id));
        Assert.Empty(await KindsAsync("inspector.team2", item.Id));

        // 已办: the secretary's decisions, newest first.
        await fixture.InScopeAsync<RectificationCommands, RectificationItem>(s => s.ApproveExtensionAsync(secretary, item.Id, "同意延期。"));
        var done = await fixture.InScopeAsync<TodoService, DonePage>(s => s.DoneAsync(secretary, 1, 20));
        Assert.Equal(["同意延期", "退回二次整改"], done.Rows.Where(d => d.Id == item.Id).Select(d => d.Action));
        Assert.Equal(done.Rows.OrderByDescending(d => d.At).Select(d => d.At), done.Rows.Select(d => d.At));
        Assert.DoesNotContain((await fixture.InScopeAsync<TodoService, DonePage>(s => s.DoneAsync(drafter, 1, 20))).Rows, d => d.Id == item.Id);
    }

    [Fact]
    public async Task Done_lists_my_report_decisions_newest_first_a_page_at_a_time()
    {
        var secretary = await fixture.UserAsync("secretary.haishi");
        var before = (await fixture.InScopeAsync<TodoService, DonePage>(s => s.DoneAsync(secretary, 1, 2))).Total;
        var first = await fixture.CreateAsync("drafter.haishi", 2031);
        var second = await fixture.CreateAsync("drafter.haishi", 2032);
        var third = await fixture.CreateAsync("drafter.haishi", 2033);
        foreach (var report in new[] { first, second, third })
            await fixture.ExecuteAsync("drafter.haishi", report.Id, ReportCommand.Submit);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await fixture.ExecuteAsync("secretary.haishi", first.Id, ReportCommand.Approve, "同意。");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await fixture.ExecuteAsync("secretary.haishi", second.Id, ReportCommand.Return, "请补充问题清单。");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await fixture.ExecuteAsync("secretary.haishi", third.Id, ReportCommand.Approve);

        var page1 = await fixture.InScopeAsync<TodoService, DonePage>(s => s.DoneAsync(secretary, 1, 2));
        var page2 = await fixture.InScopeAsync<TodoService, DonePage>(s => s.DoneAsync(secretary, 2, 2));

        Assert.Equal(before + 3, page1.Total);
        Assert.Equal([third.Id, second.Id], page1.Rows.Select(r => r.Id));
        Assert.Equal(["审核通过", "退回"], page1.Rows.Select(r => r.Action));
        Assert.Equal("请补充问题清单。", page1.Rows[1].Comment);
        Assert.Equal(first.Id, page2.Rows[0].Id);
        Assert.DoesNotContain((await fixture.InScopeAsync<TodoService, DonePage>(async s =>
            await s.DoneAsync(await fixture.UserAsync("secretary.kexie"), 1, 50))).Rows, r => r.Id == first.Id);
    }
}

/// <summary>The cases on SQLite, the embedded default.</summary>
public sealed class InboxTests(HostFixture fixture) : InboxTestsCases<HostFixture>(fixture);

/// <summary>The same cases on PostgreSQL.</summary>
public sealed class InboxTestsOnPostgreSql(PostgresHostFixture fixture) : InboxTestsCases<PostgresHostFixture>(fixture);
