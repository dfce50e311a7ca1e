using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// One report along the whole sign-off route in Chromium, as the people who use it: the drafter writes and
/// submits, the secretary returns it, the drafter revises and resubmits, and the three reviewers approve.
/// Every step leaves a PNG in the "journey" folder of <see cref="BrowserFixture.ScreenshotDirectory"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignOffJourneyBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Title = "中共市科协党组关于2024年度落实全面从严治党主体责任情况的报告";
    private const string ReturnComment = "“存在的问题”部分请逐条对应整改措施，并明确责任人和完成时限。";
    private const string AddedParagraph = "四是针对上述问题建立整改台账，逐项明确责任领导、责任部门、责任人和完成时限。";

    private static readonly string Body = string.Join('\n',
        "2024年，市科协党组坚持以习近平新时代中国特色社会主义思想为指导，认真落实全面从严治党主体责任。现将有关情况报告如下。",
        "一、履行主体责任情况",
        "党组全年召开会议6次专题研究全面从严治党工作，制定主体责任清单、任务清单和问题清单。",
        "二、存在的问题",
        "一是理论学习的系统性还不够强；二是主体责任压力传导存在层层递减现象；三是对重点岗位廉政风险排查不够深入。",
        "三、下一步打算",
        "一是深化理论武装；二是压紧压实责任链条，开展“回头看”；三是健全廉政风险防控机制。");

    private int _step;

    [Fact]
    public async Task Report_returned_by_the_secretary_is_revised_resubmitted_to_him_and_signed_off_by_every_reviewer()
    {
        // 起草人: signs in (an empty form is refused field by field) and writes a new report;
        // the default year already has one, so the year field says so first.
        var drafter = await browser.NewPageAsync();
        await drafter.GotoAsync("/");
        await Expect(drafter).ToHaveURLAsync(new Regex("/Account/Login"));
        await drafter.Locator("#login-submit").ClickAsync();
        await Expect(drafter.Locator("[data-valmsg-for='Input.UserName']")).ToHaveTextAsync("请输入用户名。");
        await Expect(drafter.Locator("[data-valmsg-for='Input.Password']")).ToHaveTextAsync("请输入密码。");
        await ShotAsync(drafter, "login-empty");
        await browser.SignInAsync(drafter, "drafter.kexie");
        await ShotAsync(drafter, "drafter-inbox");
        await drafter.GetByRole(AriaRole.Link, new() { Name = "新建报告" }).ClickAsync();
        await Expect(drafter).ToHaveURLAsync(browser.BaseUrl + "/Reports/Create");
        await drafter.GetByLabel("标题").FillAsync(Title);
        await drafter.GetByLabel("正文").FillAsync(Body);
        await drafter.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Expect(drafter.Locator("[data-valmsg-for='Input.Year']")).ToHaveTextAsync("本单位2026年度报告已存在，请在原报告上修改。");
        await Expect(drafter.GetByLabel("标题")).ToHaveValueAsync(Title);
        await ShotAsync(drafter, "create-year-taken");

        await drafter.GetByLabel("年度").FillAsync("2024");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Expect(drafter).ToHaveURLAsync(new Regex("/Reports/Details/[0-9a-f-]{36}$"));
        var reportPath = new Uri(drafter.Url).AbsolutePath;
        await ExpectReportAsync(drafter, "草稿", "Draft");
        await Expect(drafter.Locator(".flash")).ToHaveTextAsync("报告已保存为草稿。");
        await Expect(drafter.Locator("#report-title")).ToHaveTextAsync(Title);
        await ExpectControlsAsync(drafter, "btn-edit", "btn-submit");
        await Expect(drafter.Locator("#btn-submit")).ToHaveTextAsync("提交审核");
        await ShotAsync(drafter, "draft");

        await drafter.Locator("#btn-submit").ClickAsync();
        await ExpectReportAsync(drafter, "党组书记审核", "SecretaryReview");
        await ExpectControlsAsync(drafter, "btn-withdraw");
        await ExpectTimelineAsync(drafter, "Submitted", "Created");
        await ShotAsync(drafter, "submitted");

        // 党组书记: finds it in his inbox; a return without a comment is refused beside the field.
        Later();
        var secretary = await browser.SignInAsync("secretary.kexie");
        await OpenFromInboxAsync(secretary, "党组书记审核", "secretary-inbox");
        await ExpectReportAsync(secretary, "党组书记审核", "SecretaryReview");
        await ExpectControlsAsync(secretary, Reviewing);

        await secretary.Locator("#btn-return-open").ClickAsync();
        // The first step cannot send it anywhere but back to itself: no restart choice.
        await Expect(secretary.Locator("#return-restart")).ToHaveCountAsync(0);
        await secretary.Locator("#btn-return").ClickAsync();
        var returnError = secretary.Locator("#return-panel #return-comment + .field-error");
        await Expect(returnError).ToHaveTextAsync("退回时必须填写退回意见。");
        await Expect(secretary.Locator("#return-panel")).ToHaveJSPropertyAsync("open", true);
        await ExpectReportAsync(secretary, "党组书记审核", "SecretaryReview");
        await ExpectTimelineAsync(secretary, "Submitted", "Created");
        await ShotAsync(secretary, "return-without-comment");

        await secretary.Locator("#return-comment").FillAsync(ReturnComment);
        await secretary.Locator("#btn-return").ClickAsync();
        await ExpectReportAsync(secretary, "已退回", "Returned");
        await Expect(secretary.Locator(".flash")).ToHaveTextAsync("报告已退回起草人。");
        await ExpectControlsAsync(secretary);
        await ExpectTimelineAsync(secretary, "Returned", "Submitted", "Created");
        await ShotAsync(secretary, "returned");

        // 起草人: the returned report waits in the inbox with the secretary's comment; revise and resubmit.
        Later();
        await drafter.GotoAsync("/Inbox");
        await OpenFromInboxAsync(drafter, "已退回", "drafter-inbox-returned");
        await ExpectReportAsync(drafter, "已退回", "Returned");
        var returnEntry = drafter.Locator("#timeline li[data-action='Returned']");
        await Expect(returnEntry).ToContainTextAsync("李明（市科协党组书记）");
        await Expect(returnEntry.Locator(".comment")).ToHaveTextAsync(ReturnComment);
        await ExpectControlsAsync(drafter, "btn-edit", "btn-submit");
        await Expect(drafter.Locator("#btn-submit")).ToHaveTextAsync("重新提交");
        await ShotAsync(drafter, "drafter-sees-comment");

        await drafter.Locator("#btn-edit").ClickAsync();
        await Expect(drafter).ToHaveURLAsync(new Regex("/Reports/Edit/[0-9a-f-]{36}$"));
        var body = drafter.GetByLabel("正文");
        await Expect(body).ToHaveValueAsync(new Regex("三、下一步打算"));
        await drafter.GetByLabel("标题").FillAsync("");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(drafter.Locator("[data-valmsg-for='Input.Title']")).ToHaveTextAsync("请填写报告标题。");
        await Expect(drafter.Locator("h1")).ToHaveTextAsync("修改报告 （当前第1版）");
        await drafter.GetByLabel("标题").FillAsync(Title);
        await body.FillAsync(await body.InputValueAsync() + "\n" + AddedParagraph);
        await ShotAsync(drafter, "edit");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(drafter).ToHaveURLAsync(browser.BaseUrl + reportPath);
        await Expect(drafter.Locator(".flash")).ToHaveTextAsync("已保存为第2版。");
        await Expect(drafter.Locator("#report-body")).ToContainTextAsync(AddedParagraph);
        await Expect(drafter.Locator("#revisions li")).ToHaveCountAsync(2);

        await drafter.Locator("#btn-submit").ClickAsync();
        // Returned by the first step, so the resubmission goes back to the secretary.
        await ExpectReportAsync(drafter, "党组书记审核", "SecretaryReview");
        await ExpectControlsAsync(drafter, "btn-withdraw");
        await ExpectTimelineAsync(drafter, "Resubmitted", "Edited", "Returned", "Submitted", "Created");
        await ShotAsync(drafter, "resubmitted");

        // 党组书记, 纪检监察组, 市直机关工委 approve in turn.
        Later();
        await secretary.GotoAsync("/Inbox");
        await OpenFromInboxAsync(secretary, "党组书记审核", "secretary-inbox-again");
        await ApproveAsync(secretary, "同意报送派驻纪检监察组。", "纪检监察组审核", "DisciplineReview", "secretary-approved");

        Later();
        var inspector = await browser.SignInAsync("inspector.team1");
        await OpenFromInboxAsync(inspector, "纪检监察组审核", "inspector-inbox");
        await Expect(inspector.Locator("#return-restart")).ToHaveCountAsync(1);
        await ApproveAsync(inspector, null, "市直机关工委审核", "CommitteeReview", "inspector-approved");

        Later();
        var committee = await browser.SignInAsync("committee.gongwei");
        await OpenFromInboxAsync(committee, "市直机关工委审核", "committee-inbox");
        await ApproveAsync(committee, "审核通过。", "已通过", "Approved", "approved");
        await ExpectTimelineAsync(committee,
            "Approved", "Approved", "Approved", "Resubmitted", "Edited", "Returned", "Submitted", "Created");
        await committee.GotoAsync("/Inbox");
        await Expect(committee.Locator("#inbox tbody tr", new() { HasText = Title })).ToHaveCountAsync(0);

        await drafter.GotoAsync(reportPath);
        await ExpectReportAsync(drafter, "已通过", "Approved");
        await ExpectControlsAsync(drafter);

        // The same page on a phone: readable, nothing wider than the screen.
        var phone = await browser.SignInAsync("drafter.kexie", width: 390, height: 844);
        await phone.GotoAsync(reportPath);
        await ExpectReportAsync(phone, "已通过", "Approved");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "The report page scrolls sideways at 390 px.");
        await ShotAsync(phone, "phone-report");
    }

    /// <summary>Each person acts a while after the previous one, as in an office.</summary>
    private void Later() => browser.App.Clock.Advance(TimeSpan.FromMinutes(50));

    private async Task OpenFromInboxAsync(IPage page, string expectedStep, string shot)
    {
        var row = page.Locator("#inbox tbody tr", new() { HasText = Title });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".badge")).ToHaveTextAsync(expectedStep);
        await ShotAsync(page, shot);
        await row.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Reports/Details/[0-9a-f-]{36}$"));
        await Expect(page.Locator("#report-title")).ToHaveTextAsync(Title);
        await page.Locator("#route-diagram-toggle").ClickAsync();
        await Expect(page.Locator("#route-diagram svg")).ToBeVisibleAsync();
    }

    private async Task ApproveAsync(IPage page, string? comment, string nextLabel, string nextStatus, string shot)
    {
        await ExpectControlsAsync(page, Reviewing);
        await page.Locator("#btn-approve-open").ClickAsync();
        if (comment is not null) await page.Locator("#approve-comment").FillAsync(comment);
        await page.Locator("#btn-approve").ClickAsync();
        await ExpectReportAsync(page, nextLabel, nextStatus);
        await Expect(page.Locator(".flash")).ToHaveTextAsync("已审核通过。");
        await ExpectControlsAsync(page);
        var approval = page.Locator("#timeline li").First;
        await Expect(approval).ToHaveAttributeAsync("data-action", "Approved");
        if (comment is not null) await Expect(approval.Locator(".comment")).ToHaveTextAsync(comment);
        await ShotAsync(page, shot);
    }

    /// <summary>The status badge, and the route diagram drawn with that status highlighted.</summary>
    private static async Task ExpectReportAsync(IPage page, string label, string status)
    {
        var badge = page.Locator("#report-status");
        await Expect(badge).ToHaveTextAsync(label);
        await Expect(badge).ToHaveAttributeAsync("data-status", status);
        // The step bar marks the same step; the diagram is one click away.
        if (status == "Approved")
        {
            // Every step passed, the last one included: done, and nothing current any more.
            await Expect(page.Locator("#stepbar li[data-step=Approved]")).ToHaveAttributeAsync("data-state", "Done");
            await Expect(page.Locator("#stepbar li[aria-current=step]")).ToHaveCountAsync(0);
        }
        else if (status is not ("Draft" or "Returned"))
            await Expect(page.Locator("#stepbar li[aria-current=step]")).ToHaveAttributeAsync("data-step", status);
        if (await page.Locator("#route-diagram-details").GetAttributeAsync("open") is null)
            await page.Locator("#route-diagram-toggle").ClickAsync();
        var diagram = page.Locator("#route-diagram svg");
        await Expect(diagram).ToBeVisibleAsync();
        var current = diagram.Locator("g.node.current");
        await Expect(current).ToHaveCountAsync(1);
        await Expect(current).ToHaveIdAsync(new Regex($"-{status}-"));
        await Expect(current).ToContainTextAsync(label);
    }

    /// <summary>What the reviewer the report waits for may do: approve, return, 转办 and 加签.</summary>
    private static readonly string[] Reviewing = ["btn-approve-open", "btn-return-open", "btn-transfer-open", "btn-add-reviewer-open"];

    /// <summary>Exactly these action controls are offered (by id), nothing else.</summary>
    private static async Task ExpectControlsAsync(IPage page, params string[] ids)
    {
        var shown = await page.Locator("#actions > a.btn, #actions > form > button, #actions > details > summary")
            .EvaluateAllAsync<string[]>("els => els.map(e => e.id)");
        Assert.Equal(ids.Order(), shown.Order());
    }

    /// <summary>The timeline's entries, newest first, by action code.</summary>
    private static async Task ExpectTimelineAsync(IPage page, params string[] actions)
    {
        var entries = page.Locator("#timeline > li");
        await Expect(entries).ToHaveCountAsync(actions.Length);
        Assert.Equal(actions, await entries.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.action)"));
    }

    private async Task ShotAsync(IPage page, string name)
    {
        var path = Path.Combine(browser.ScreenshotFolder("journey"), $"{++_step:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }
}
