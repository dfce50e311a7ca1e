using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Calendar;
using Workflow.Host.Calendar;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Pages;

/// <summary>The report page's step bar and step deadline, by the app's clock and its working calendar.</summary>
[Collection(ClockedAppCollection.Name)]
public sealed partial class StepBarPageTests(AppFactory app)
{
    [Fact]
    public async Task The_bar_lists_the_routes_steps_and_marks_the_current_one_with_its_holder()
    {
        var unit = DemoUnit.Kexie;
        var report = await app.CreateReportAsync(unit, "DisciplineReview");
        var since = app.Clock.GetUtcNow();
        using var session = await PageSession.SignInAsync(app, unit.Drafter);

        var html = await session.GetPageAsync($"/Reports/Details/{report.Id}");

        var steps = Steps(html);
        Assert.Equal(["Draft", "SecretaryReview", "DisciplineReview", "CommitteeReview", "Approved"], steps.Select(s => s.Key));
        Assert.Equal(["草稿", "党组书记审核", "纪检监察组审核", "市直机关工委审核", "已通过"], steps.Select(s => s.Name));
        Assert.Equal(["Done", "Done", "Current", "Upcoming", "Upcoming"], steps.Select(s => s.State));
        Assert.Equal(["DisciplineReview"], steps.Where(s => s.AriaCurrent).Select(s => s.Key));
        // Text, not only colour: each step says where it stands.
        Assert.Equal(["（已完成）", "（已完成）", "（当前环节）", "（未开始）", "（未开始）"], steps.Select(s => s.StateText));
        Assert.Equal("刘洋（派驻第一纪检监察组）", Text(html, "stepbar-holders"));
        Assert.Equal(Workflow.Web.Display.Time(since), Text(html, "stepbar-since"));
    }

    [Fact]
    public async Task A_returned_report_is_shown_as_returned_at_the_drafter_with_the_due_line_gone()
    {
        var unit = DemoUnit.Shengtai;
        var report = await app.CreateReportAsync(unit, "Returned");
        using var session = await PageSession.SignInAsync(app, unit.Drafter);

        var html = await session.GetPageAsync($"/Reports/Details/{report.Id}");

        var steps = Steps(html);
        Assert.Equal(("Draft", "已退回", "Current", true), (steps[0].Key, steps[0].Name, steps[0].State, steps[0].AriaCurrent));
        Assert.All(steps.Skip(1), s => Assert.Equal("Upcoming", s.State));
        Assert.Equal("赵敏（生态环境局办公室）", Text(html, "stepbar-holders"));
        Assert.DoesNotContain("id=\"step-due\"", html);
    }

    [Fact]
    public async Task The_due_line_counts_working_days_left_then_amber_on_the_last_day_then_red_when_overdue()
    {
        var unit = DemoUnit.Haishi;
        var report = await app.CreateReportAsync(unit, "SecretaryReview");
        var calendar = await CalendarAsync();
        var entered = ChinaTime.Today(app.Clock);
        // 党组书记审核 has 3 working days: the due date is the third working day after the day it arrived.
        var due = entered;
        for (var left = 3; left > 0;)
        {
            due = due.AddDays(1);
            if (calendar.IsWorkingDay(due)) left--;
        }
        // Signed in afresh each time: the moved clock ends a page session.
        async Task<string> PageAsync()
        {
            using var session = await PageSession.SignInAsync(app, unit.Secretary);
            return await session.GetPageAsync($"/Reports/Details/{report.Id}");
        }

        var (dueText, urgency) = Due(await PageAsync());
        Assert.Equal($"截止日期 {due:yyyy-MM-dd} · 剩余 3 个工作日", dueText);
        Assert.Equal("OnTime", urgency);

        // On the due date itself: amber.
        AdvanceTo(due);
        (dueText, urgency) = Due(await PageAsync());
        Assert.Equal($"截止日期 {due:yyyy-MM-dd} · 今日到期", dueText);
        Assert.Equal("DueSoon", urgency);

        // Two working days past it: red, counted in working days (a weekend between does not count).
        var later = due;
        for (var past = 2; past > 0;)
        {
            later = later.AddDays(1);
            if (calendar.IsWorkingDay(later)) past--;
        }
        AdvanceTo(later);
        (dueText, urgency) = Due(await PageAsync());
        Assert.Equal($"截止日期 {due:yyyy-MM-dd} · 逾期 2 个工作日", dueText);
        Assert.Equal("Overdue", urgency);
        Assert.Matches("class=\"due due-overdue\"", Regex.Match(await PageAsync(), "<span class=\"due[^>]*>").Value);
    }

    [Fact]
    public async Task The_diagram_is_one_click_away_and_the_decision_panel_holds_the_reviewers_actions()
    {
        var unit = DemoUnit.Renda;
        var report = await app.CreateReportAsync(unit, "SecretaryReview");
        using var session = await PageSession.SignInAsync(app, unit.Secretary);

        var html = await session.GetPageAsync($"/Reports/Details/{report.Id}");

        Assert.Matches("<details class=\"card diagram\" id=\"route-diagram-details\">\\s*<summary id=\"route-diagram-toggle\">查看流程图</summary>", html);
        var panel = Regex.Match(html, "<aside class=\"decision-panel\" id=\"decision-panel\"[\\s\\S]*?</aside>").Value;
        Assert.Contains("id=\"btn-approve-open\"", panel);
        Assert.Contains("id=\"btn-return-open\"", panel);

        // The drafter may still withdraw it, from the same panel; the committee has nothing to do at this step: no panel.
        using var drafter = await PageSession.SignInAsync(app, unit.Drafter);
        Assert.Contains("id=\"btn-withdraw\"", Regex.Match(await drafter.GetPageAsync($"/Reports/Details/{report.Id}"),
            "<aside class=\"decision-panel\"[\\s\\S]*?</aside>").Value);
        using var committee = await PageSession.SignInAsync(app, DemoUnit.Committee);
        Assert.DoesNotContain("id=\"decision-panel\"", await committee.GetPageAsync($"/Reports/Details/{report.Id}"));
    }

    private async Task<WorkingCalendar> CalendarAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CalendarStore>().LoadAsync();
    }

    /// <summary>Moves the clock to 10:00 China time on <paramref name="day"/> (never back).</summary>
    private void AdvanceTo(DateOnly day)
    {
        var target = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        var now = app.Clock.GetUtcNow();
        Assert.True(target > now, $"the clock is already past {day}");
        app.Clock.Advance(target - now);
    }

    private sealed record Step(string Key, string State, bool AriaCurrent, string Name, string StateText);

    private static List<Step> Steps(string html) => StepPattern().Matches(html)
        .Select(m => new Step(m.Groups["key"].Value, m.Groups["state"].Value, m.Groups["current"].Success, m.Groups["name"].Value,
            m.Groups["text"].Value)).ToList();

    private static (string Text, string Urgency) Due(string html)
    {
        var m = Regex.Match(html, "id=\"step-due\" data-urgency=\"(?<u>\\w+)\">(?<t>[\\s\\S]*?)</span>");
        Assert.True(m.Success, "no step-due line");
        return (Regex.Replace(WebUtility.HtmlDecode(m.Groups["t"].Value), "<[^>]+>", "").Trim(), m.Groups["u"].Value);
    }

    private static string Text(string html, string id) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"id=\"{id}\">(?<t>[^<]*)<").Groups["t"].Value);

    [GeneratedRegex("<li class=\"step [^\"]*\" data-step=\"(?<key>\\w+)\"\\s+data-state=\"(?<state>\\w+)\"(?<current> aria-current=\"step\")?>\\s*<span class=\"step-mark\"[^>]*>[^<]*</span>\\s*<span class=\"step-name\">(?<name>[^<]*)</span>\\s*<span class=\"step-state\">(?<text>[^<]*)</span>")]
    private static partial Regex StepPattern();
}
