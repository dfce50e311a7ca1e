using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Calendar;
using Workflow.Host.Calendar;
using Workflow.Host.Reminders;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Reminders;

/// <summary>
/// 工作日历: when the next year's arrangement is published the admin enters it on the page, and the working-day
/// arithmetic behind deadlines and reminders follows at once.
/// </summary>
public sealed class CalendarPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Page = "/Admin/Calendar?year=2027";

    private static DateOnly Feb(int day) => new(2027, 2, day);

    private async Task<WorkingCalendar> CalendarAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CalendarStore>().LoadAsync();
    }

    private static Task<HttpResponseMessage> AddAsync(PageSession admin, string date, string kind, string name) =>
        admin.PostFormToAsync(Page, "/Admin/Calendar?handler=Add", ("Input.Date", date), ("Input.Kind", kind), ("Input.Name", name));

    [Fact]
    public async Task Admin_enters_the_2027_spring_festival_and_working_days_follow()
    {
        var before = await CalendarAsync();
        Assert.True(before.IsWorkingDay(Feb(8)));
        Assert.False(before.IsWorkingDay(Feb(20)));
        using var admin = await PageSession.SignInAsync(app, "admin");
        Assert.Contains("2027年尚未录入放假安排", await admin.GetPageAsync(Page));

        foreach (var day in Enumerable.Range(6, 7))
            Assert.Equal("/Admin/Calendar?year=2027", PageSession.RedirectPath(await AddAsync(admin, $"2027-02-{day:00}", "Holiday", "春节")));
        Assert.Equal("/Admin/Calendar?year=2027", PageSession.RedirectPath(await AddAsync(admin, "2027-02-20", "MakeUpWorkday", "春节调休上班")));
        // Entered as a holiday by mistake, then corrected to the make-up Sunday it is.
        await AddAsync(admin, "2027-02-14", "Holiday", "春节");
        var changed = await admin.PostFormToAsync("/Admin/Calendar?year=2027&edit=2027-02-14", "/Admin/Calendar?handler=Change&edit=2027-02-14",
            ("Input.Kind", "MakeUpWorkday"), ("Input.Name", "春节调休上班"));
        Assert.Equal("/Admin/Calendar?year=2027", PageSession.RedirectPath(changed));
        // The holiday ends on the 11th after all: the 12th is an ordinary Friday again.
        var removed = await admin.PostFormToAsync(Page, "/Admin/Calendar?handler=Delete&date=2027-02-12");
        Assert.Equal("/Admin/Calendar?year=2027", PageSession.RedirectPath(removed));

        var html = await admin.GetPageAsync(Page);
        Assert.Equal("已删除2027-02-12（春节），该日恢复为工作日。", PageSession.Flash(html));
        Assert.Contains("2027年：法定节假日 6 天，调休上班 2 天。", html);
        Assert.Equal(
        [
            ("2027-02-06", "星期六", "法定节假日", "春节"), ("2027-02-07", "星期日", "法定节假日", "春节"),
            ("2027-02-08", "星期一", "法定节假日", "春节"), ("2027-02-09", "星期二", "法定节假日", "春节"),
            ("2027-02-10", "星期三", "法定节假日", "春节"), ("2027-02-11", "星期四", "法定节假日", "春节"),
            ("2027-02-14", "星期日", "调休上班", "春节调休上班"), ("2027-02-20", "星期六", "调休上班", "春节调休上班"),
        ], Rows(html));
        // Other years are untouched and one click away.
        Assert.Contains("<a href=\"/Admin/Calendar?year=2026\" class=\"\">2026年</a>", html);

        var after = await CalendarAsync();
        Assert.False(after.IsWorkingDay(Feb(8)));
        Assert.True(after.IsWorkingDay(Feb(12)));
        Assert.True(after.IsWorkingDay(Feb(14)));
        Assert.True(after.IsWorkingDay(Feb(20)));
        Assert.False(after.IsWorkingDay(Feb(13)));
        Assert.Equal(Feb(12), after.AddWorkingDays(Feb(5), 1));
        Assert.Equal(Feb(15), after.AddWorkingDays(Feb(5), 3));
        Assert.Equal(8, after.WorkingDaysBetween(Feb(5), Feb(20)));
        // The shipped 2026 arrangement is still there.
        Assert.False(after.IsWorkingDay(new DateOnly(2026, 2, 17)));
    }

    [Fact]
    public async Task A_weekday_cannot_be_a_make_up_workday()
    {
        using var admin = await PageSession.SignInAsync(app, "admin");

        var response = await AddAsync(admin, "2027-03-17", "MakeUpWorkday", "调休上班");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("调休上班日必须是星期六或星期日，2027-03-17是星期三。", PageSession.FieldError(html, "Input.Kind"));
        Assert.Contains("value=\"2027-03-17\"", html);
        Assert.Null((await CalendarAsync()).Describe(new DateOnly(2027, 3, 17)));
    }

    [Fact]
    public async Task A_date_already_in_the_calendar_is_changed_not_added_twice()
    {
        using var admin = await PageSession.SignInAsync(app, "admin");

        var response = await AddAsync(admin, "2026-10-01", "Holiday", "国庆");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("2026-10-01已在日历中（国庆节），请在列表中修改该日期，不要重复添加。", PageSession.FieldError(html, "Input.Date"));
        // The list of that year is shown, so the existing entry is right there to change.
        Assert.Contains(("2026-10-01", "星期四", "法定节假日", "国庆节"), Rows(html));
        Assert.Equal("国庆节", (await CalendarAsync()).Describe(new DateOnly(2026, 10, 1)));
    }

    [Theory]
    [InlineData("2027-05-01", "", "Input.Name", "请填写名称，如“春节”“春节调休上班”。")]
    [InlineData("", "劳动节", "Input.Date", "请选择日期。")]
    public async Task Missing_fields_are_named_beside_the_field(string date, string name, string field, string message)
    {
        using var admin = await PageSession.SignInAsync(app, "admin");

        var response = await AddAsync(admin, date, "Holiday", name);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, PageSession.FieldError(await response.Content.ReadAsStringAsync(), field));
        Assert.Null((await CalendarAsync()).Describe(new DateOnly(2027, 5, 1)));
    }

    [Fact]
    public async Task Only_the_admin_may_open_the_calendar()
    {
        using var drafter = await PageSession.SignInAsync(app, "drafter.kexie");

        Assert.StartsWith("/Account/AccessDenied?", PageSession.RedirectPath(await drafter.GetAsync(Page)));
        Assert.DoesNotContain("/Admin/Calendar", await drafter.GetPageAsync("/Inbox"));
    }

    /// <summary>Date, weekday, kind and name of each row of the table.</summary>
    private static List<(string, string, string, string)> Rows(string html) =>
        Regex.Matches(html,
                "<tr data-date=\"(?<date>[^\"]+)\"[^>]*>\\s*<td[^>]*>[^<]*</td>\\s*<td[^>]*>(?<weekday>[^<]*)</td>\\s*<td[^>]*><span[^>]*>(?<kind>[^<]*)</span></td>\\s*<td[^>]*>(?<name>[^<]*)</td>")
            .Select(m => (m.Groups["date"].Value, m.Groups["weekday"].Value, m.Groups["kind"].Value, WebUtility.HtmlDecode(m.Groups["name"].Value)))
            .ToList();
}
