using System.Net;
using System.Text.RegularExpressions;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Api;

/// <summary>
/// The complete 待办 through the API and the page: every kind of row with its deadline, the nav count, and 已办 (GET /api/inbox/done,
/// /Inbox?tab=done), scoped like everything else.
/// </summary>
[Collection(ClockedAppCollection.Name)]
public sealed class TodoApiTests(AppFactory app)
{
    [Fact]
    public async Task Each_row_has_kind_title_link_due_date_and_working_days_and_the_list_is_most_urgent_first()
    {
        var draft = Assert.Single(await InboxAsync(DemoUnit.Kexie.Drafter), i => i.Kind == "report-draft" && i.Year == app.Clock.GetUtcNow().AddMonths(-1).Year);
        Assert.Equal(("草稿", $"/Reports/Details/{draft.Id}", "报告草稿"), (draft.State, draft.Link, draft.KindName));
        Assert.NotNull(draft.DueDate);
        Assert.NotNull(draft.WorkingDaysLeft);
        Assert.Contains(draft.Urgency, new[] { "OnTime", "DueSoon", "Overdue" });
        Assert.Matches(@"^(剩余 \d+ 个工作日|今日到期|逾期 \d+ 个工作日)$", draft.DeadlineText);

        // 市人大常委会机关's seeded closure request waits for its secretary, with the item's deadline.
        var closure = Assert.Single(await InboxAsync(DemoUnit.Renda.Secretary), i => i.Kind == "item-closure");
        Assert.StartsWith("RDJG-", closure.Title);
        Assert.Equal((null, "申请销号"), (closure.Status, closure.State));
        Assert.StartsWith("/Rectifications/Details/", closure.Link);
        Assert.DoesNotContain(await InboxAsync(DemoUnit.Renda.Drafter), i => i.Id == closure.Id);
        Assert.DoesNotContain(await InboxAsync(DemoUnit.Haishi.Secretary), i => i.Id == closure.Id);

        foreach (var user in new[] { DemoUnit.Kexie.Drafter, DemoUnit.Renda.Secretary, DemoUnit.Committee, DemoUnit.Haishi.Inspector })
        {
            var inbox = await InboxAsync(user);
            Assert.Equal(inbox.OrderBy(i => i.DueDate ?? DateOnly.MaxValue).Select(i => (i.Kind, i.Id)), inbox.Select(i => (i.Kind, i.Id)));
            Assert.All(inbox.Where(i => i.WorkingDaysLeft < 0), i => Assert.Equal("Overdue", i.Urgency));
        }
        Assert.Empty(await InboxAsync(DemoUnit.Admin));
    }

    [Fact]
    public async Task Done_lists_my_decisions_newest_first_with_the_total_and_refuses_a_bad_page()
    {
        var unit = DemoUnit.Kexie;
        var returned = await app.CreateReportAsync(unit, "Returned");
        var passed = await app.CreateReportAsync(unit, "DisciplineReview");
        var secretary = await app.SharedClientAsync(unit.Secretary);

        var response = await secretary.GetAsync("/api/inbox/done?pageSize=200");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var done = await response.ReadAsync<ApiContract.DoneItem[]>();
        Assert.True(int.Parse(response.Headers.GetValues("X-Total-Count").Single()) >= 2);
        var mine = done.Where(d => d.Id == returned.Id || d.Id == passed.Id).ToList();
        Assert.Equal([(passed.Id, "审核通过", "同意。"), (returned.Id, "退回", "请补充问题清单。")], mine.Select(d => (d.Id, d.Action, d.Comment)));
        Assert.All(mine, d => Assert.Equal(("report", unit.Name), (d.Kind, d.UnitName)));
        Assert.Equal(done.OrderByDescending(d => d.At).Select(d => d.At), done.Select(d => d.At));

        var first = await secretary.GetAsync("/api/inbox/done?page=1&pageSize=1").ExpectAsync<ApiContract.DoneItem[]>(HttpStatusCode.OK);
        Assert.Equal(done[0].Id, Assert.Single(first).Id);
        Assert.Empty(await secretary.GetAsync("/api/inbox/done?page=9999").ExpectAsync<ApiContract.DoneItem[]>(HttpStatusCode.OK));
        await (await secretary.GetAsync("/api/inbox/done?page=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "page-invalid");
        await (await secretary.GetAsync("/api/inbox/done?pageSize=x")).AssertProblemAsync(HttpStatusCode.BadRequest, "page-size-invalid");

        // Another unit's secretary made none of these decisions and sees none of them.
        var other = await (await app.SharedClientAsync(DemoUnit.Haishi.Secretary)).GetAsync("/api/inbox/done?pageSize=200")
            .ExpectAsync<ApiContract.DoneItem[]>(HttpStatusCode.OK);
        Assert.DoesNotContain(other, d => d.Id == returned.Id || d.Id == passed.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/inbox/done")).StatusCode);
    }

    [Fact]
    public async Task The_page_lists_every_row_with_its_deadline_the_nav_counts_them_and_the_done_tab_shows_my_decisions()
    {
        var unit = DemoUnit.Haishi;
        var returned = await app.CreateReportAsync(unit, "Returned");
        var rows = await InboxAsync(unit.Drafter);

        using var drafter = await PageSession.SignInAsync(app, unit.Drafter);
        var page = await drafter.GetDecodedPageAsync("/Inbox");
        Assert.Equal(rows.Length, Regex.Matches(page, "<tr data-kind=").Count);
        Assert.Contains($"id=\"nav-todo-count\" aria-label=\"{rows.Length} 项待办\">{rows.Length}</span>", page);
        Assert.Matches($"""<tr data-kind="report-returned" data-urgency="\w*">\s*<td data-label="事项"><div>\s*<a href="/Reports/Details/{returned.Id}">""", page);
        Assert.Contains("<p class=\"return-note\">退回意见：请补充问题清单。", page);
        using var kexie = await PageSession.SignInAsync(app, DemoUnit.Kexie.Drafter);
        var draft = (await InboxAsync(DemoUnit.Kexie.Drafter)).First(i => i.Kind == "report-draft" && i.DueDate is not null);
        var css = draft.Urgency switch { "Overdue" => "due-overdue", "DueSoon" => "due-soon", _ => "due-ok" };
        Assert.Matches($"""<td data-label="截止日期">{draft.DueDate:yyyy-MM-dd}</td>\s*<td data-label="剩余时间">\s*<span class="due {css}">{draft.DeadlineText}</span>""",
            await kexie.GetDecodedPageAsync("/Inbox"));

        using var secretary = await PageSession.SignInAsync(app, unit.Secretary);
        var done = await secretary.GetDecodedPageAsync("/Inbox?tab=done");
        Assert.Contains("<a href=\"/Inbox?tab=done\" id=\"tab-done\" aria-current=\"page\">已办</a>", done);
        Assert.Matches($"""<td data-label="事项"><a href="/Reports/Details/{returned.Id}">[^<]+</a></td>\s*<td data-label="单位">{unit.Name}</td>\s*<td data-label="决定">退回</td>\s*<td data-label="意见">请补充问题清单。</td>""", done);
        Assert.Contains("id=\"done-pager\"", await secretary.GetDecodedPageAsync("/Inbox?tab=done&page=999"));
        Assert.DoesNotContain(returned.Id.ToString(), await drafter.GetDecodedPageAsync("/Inbox?tab=done"));
    }

    private async Task<ApiContract.InboxItem[]> InboxAsync(string userName) =>
        await (await app.SharedClientAsync(userName)).GetAsync("/api/inbox").ExpectAsync<ApiContract.InboxItem[]>(HttpStatusCode.OK);
}
