using Workflow.Client.Models;

namespace Workflow.Client.Tests;

/// <summary>The sign-off route driven through the client Kiota generates from openapi/v1.json, and nothing else.</summary>
public sealed class SignOffJourneyTests(ClientApp app) : IClassFixture<ClientApp>
{
    private const string Body = "一、履行主体责任情况\n党组认真落实全面从严治党主体责任。\n二、存在的问题\n一是学习不够深入。\n三、下一步打算\n一是深化理论学习。";

    [Fact]
    public async Task A_report_goes_from_draft_through_a_return_to_approved()
    {
        var drafter = await app.SignInAsync("drafter.kexie");
        var secretary = await app.SignInAsync("secretary.kexie");
        var inspector = await app.SignInAsync("inspector.team1");
        var committee = await app.SignInAsync("committee.gongwei");

        var created = await drafter.Api.Reports.PostAsync(new CreateReportRequest { Title = "市科协党组2030年度报告（草稿）", Year = 2030, Body = Body });
        Assert.Equal("Draft", created!.Status);
        var id = created.Id!.Value;
        var report = drafter.Api.Reports[id];

        var edited = await report.PutAsync(new UpdateReportRequest { Title = "中共市科协党组关于2030年度落实全面从严治党主体责任情况的报告", Body = Body });
        Assert.Equal(2, edited!.Revision);
        Assert.Contains("submit", edited.AllowedActions!);

        Assert.Equal("SecretaryReview", (await report.Submit.PostAsync(new SubmitRequest()))!.Status);
        Assert.Equal("DisciplineReview", (await secretary.Api.Reports[id].Approve.PostAsync(new ApproveRequest { Comment = "同意。" }))!.Status);

        var returned = await inspector.Api.Reports[id].Return.PostAsync(new ReturnRequest { Comment = "请补充整改措施的时限。" });
        Assert.Equal("Returned", returned!.Status);
        Assert.Contains(await drafter.Api.Inbox.GetAsync() ?? [], i => i.Id == id);

        await report.PutAsync(new UpdateReportRequest { Title = edited.Title, Body = Body + "\n二是2030年6月底前完成整改。" });
        // 原路返回: the resubmission goes straight back to the team that returned it, not to the secretary.
        Assert.Equal("DisciplineReview", (await report.Submit.PostAsync(new SubmitRequest()))!.Status);
        Assert.Equal("CommitteeReview", (await inspector.Api.Reports[id].Approve.PostAsync(new ApproveRequest()))!.Status);
        var approved = await committee.Api.Reports[id].Approve.PostAsync(new ApproveRequest { Comment = "审核通过。" });
        Assert.Equal("Approved", approved!.Status);
        Assert.Empty(approved.AllowedActions!);

        var journal = (await report.Journal.GetAsync())!;
        Assert.Equal(
            [ReportAction.Created, ReportAction.Edited, ReportAction.Submitted, ReportAction.Approved, ReportAction.Returned, ReportAction.Edited,
             ReportAction.Resubmitted, ReportAction.Approved, ReportAction.Approved],
            journal.Select(j => j.Action!.Value));
        Assert.Equal("请补充整改措施的时限。", journal.Single(j => j.Action == ReportAction.Returned).Comment);
        Assert.Equal(3, (await report.Revisions.GetAsync())!.Count);
    }

    [Fact]
    public async Task Refusals_arrive_as_typed_problems()
    {
        var drafter = await app.SignInAsync("drafter.kexie");
        var created = await drafter.Api.Reports.PostAsync(new CreateReportRequest { Title = "市科协党组2031年度报告", Year = 2031, Body = Body });
        var id = created!.Id!.Value;

        var otherUnit = await Assert.ThrowsAsync<ProblemDetails>(async () =>
            await (await app.SignInAsync("drafter.shengtai")).Api.Reports[id].GetAsync());
        Assert.Equal(404, otherUnit.ResponseStatusCode);
        Assert.StartsWith("urn:approvalflow:problem:", otherUnit.Type);
        Assert.False(string.IsNullOrEmpty(otherUnit.Title));

        await drafter.Api.Reports[id].Submit.PostAsync(new SubmitRequest());
        await (await app.SignInAsync("secretary.kexie")).Api.Reports[id].Approve.PostAsync(new ApproveRequest());
        // The secretary has acted: the drafter's withdrawal comes too late.
        var stale = await Assert.ThrowsAsync<ProblemDetails>(async () => await drafter.Api.Reports[id].Withdraw.PostAsync());
        Assert.Equal(409, stale.ResponseStatusCode);
        Assert.Equal(409, stale.Status);

        var noYear = await Assert.ThrowsAsync<ProblemDetails>(async () =>
            await drafter.Api.Reports.PostAsync(new CreateReportRequest { Title = "没有年度的报告", Body = Body }));
        Assert.Equal(400, noYear.ResponseStatusCode);
        Assert.Equal("urn:approvalflow:problem:year-required", noYear.Type);
        Assert.Equal("year", noYear.Field);

        var noToken = await Assert.ThrowsAsync<ProblemDetails>(async () => await app.Anonymous().Api.Inbox.GetAsync());
        Assert.Equal(401, noToken.ResponseStatusCode);

        var badPassword = await Assert.ThrowsAsync<ProblemDetails>(async () =>
            await app.Anonymous().Api.Auth.Login.PostAsync(new LoginRequest { UserName = "drafter.kexie", Password = "wrong" }));
        Assert.Equal("urn:approvalflow:problem:invalid-credentials", badPassword.Type);
    }
}
