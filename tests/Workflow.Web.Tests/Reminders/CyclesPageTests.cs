using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Data;
using Workflow.Host.Seeding;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Reminders;

/// <summary>报告周期: the admin opens a cycle for some units and sees who has reported; a unit cannot be in two cycles of a year.</summary>
public sealed class CyclesPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Page = "/Admin/Cycles";

    private static Task<HttpResponseMessage> OpenAsync(PageSession admin, string name, int year, string dueDate, params Guid[] units) =>
        admin.PostFormAsync(Page, [("Input.Name", name), ("Input.Year", year.ToString()), ("Input.DueDate", dueDate),
            .. units.Select(u => ("Input.UnitIds", u.ToString()))]);

    private async Task<List<(string Name, int Year, DateOnly DueDate, int Units)>> CyclesAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var cycles = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Cycles.AsNoTracking().Include(c => c.Units).ToListAsync();
        return cycles.Select(c => (c.Name, c.Year, c.DueDate, c.Units.Count)).ToList();
    }

    [Fact]
    public async Task Admin_opens_a_cycle_for_two_agencies_and_a_second_one_for_the_same_year_is_refused()
    {
        using var admin = await PageSession.SignInAsync(app, "admin");
        var form = await admin.GetPageAsync(Page);
        // In November the cycle being prepared is this year's; the demo data already opened it for all four agencies.
        Assert.Contains("value=\"2026年度\"", form);
        // Where each unit stands and how its deadline looks (the cycle's due date, or its review step's own), never 已报送 for all.
        Assert.Matches("市科协</td>\\s*<td data-label=\"报告状态\">草稿</td>\\s*<td data-label=\"是否逾期\"> *<span class=\"due due-ok\">剩余 \\d+ 个工作日</span>", form);
        Assert.Matches("生态环境局</td>\\s*<td data-label=\"报告状态\">党组书记审核</td>\\s*<td data-label=\"是否逾期\"> *<span class=\"due due-[a-z]+\">(剩余 \\d+ 个工作日|今日到期|逾期 \\d+ 个工作日)</span>", form);

        var opened = await OpenAsync(admin, "2027年度", 2027, "2028-01-28", DemoSeeder.Kexie, DemoSeeder.Shengtai);

        Assert.Equal(Page, PageSession.RedirectPath(opened));
        var html = await admin.GetPageAsync(Page);
        Assert.Equal("已开启“2027年度”报告周期。", PageSession.Flash(html));
        Assert.Contains("2027年度 <span class=\"muted\">（报告年度 2027，截止 2028-01-28）</span>", html);
        Assert.Matches("市科协</td>\\s*<td data-label=\"报告状态\">未起草</td>", html);
        Assert.Equal([("2027年度", 2027, new DateOnly(2028, 1, 28), 2)], (await CyclesAsync()).Where(c => c.Year == 2027).ToList());

        var duplicate = await OpenAsync(admin, "2027年度（补充）", 2027, "2028-02-25", DemoSeeder.Shengtai, DemoSeeder.Haishi);

        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        var refused = await duplicate.Content.ReadAsStringAsync();
        Assert.Equal("所选单位已有2027年度的报告周期。", PageSession.FieldError(refused, "Input.UnitIds"));
        Assert.Contains("value=\"2027年度（补充）\"", refused);
        Assert.Single(await CyclesAsync(), c => c.Year == 2027);
    }

    [Fact]
    public async Task A_cycle_without_units_is_refused()
    {
        using var admin = await PageSession.SignInAsync(app, "admin");

        var response = await OpenAsync(admin, "2030年度", 2030, "2031-01-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("请至少选择一个报告单位。", PageSession.FieldError(await response.Content.ReadAsStringAsync(), "Input.UnitIds"));
        Assert.DoesNotContain(await CyclesAsync(), c => c.Year == 2030);
    }

    [Fact]
    public async Task A_cycle_name_longer_than_its_column_is_refused_beside_the_field()
    {
        using var admin = await PageSession.SignInAsync(app, "admin");

        var response = await OpenAsync(admin, new string('期', 51), 2031, "2032-01-31", DemoSeeder.Kexie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("周期名称不能超过50个字。", PageSession.FieldError(await response.Content.ReadAsStringAsync(), "Input.Name"));
        Assert.DoesNotContain(await CyclesAsync(), c => c.Year == 2031);
    }
}
