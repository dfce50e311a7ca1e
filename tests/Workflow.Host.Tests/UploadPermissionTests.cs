using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Reports;

namespace Workflow.Host.Tests;

/// <summary>
/// The checks an upload runs before its file is read: they refuse exactly what creating or editing would refuse, with the
/// same answer, and change nothing.
/// </summary>
public sealed class UploadPermissionTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Body = "一、履行主体责任情况\n党组全年召开专题会议研究部署全面从严治党工作。";

    private static async Task<WorkflowRuleException> RefusalOf(Func<Task> action) => await Assert.ThrowsAsync<WorkflowRuleException>(action);

    private Task EnsureMayCreateAsync(Identity.UserContext user, int year) =>
        fixture.ReportsAsync(async s => { await s.EnsureMayCreateAsync(user, year); return true; });

    private static void SameAnswer(WorkflowRuleException expected, WorkflowRuleException actual) =>
        Assert.Equal((expected.Violation, expected.Code, expected.Message), (actual.Violation, actual.Code, actual.Message));

    [Theory]
    [InlineData("secretary.kexie")]
    [InlineData("inspector.team1")]
    [InlineData("committee.gongwei")]
    [InlineData("admin")]
    public async Task Who_may_not_create_is_refused_as_create_refuses_him(string userName)
    {
        const int year = 2040;
        var user = await fixture.UserAsync(userName);
        var ensured = await RefusalOf(() => EnsureMayCreateAsync(user, year));
        var created = await RefusalOf(() => fixture.ReportsAsync(s => s.CreateAsync(user, "标题", year, Body)));
        SameAnswer(created, ensured);
        Assert.Equal(RuleViolation.Forbidden, ensured.Violation);
    }

    [Fact]
    public async Task A_drafter_may_create_a_free_year_only_and_the_check_creates_nothing()
    {
        var drafter = await fixture.UserAsync("drafter.shengtai");
        await EnsureMayCreateAsync(drafter, 2041);
        Assert.False(await fixture.ReadAsync(db => db.Reports.AnyAsync(r => r.Year == 2041)));

        await fixture.CreateAsync("drafter.shengtai", 2042);
        var ensured = await RefusalOf(() => EnsureMayCreateAsync(drafter, 2042));
        var created = await RefusalOf(() => fixture.ReportsAsync(s => s.CreateAsync(drafter, "标题", 2042, Body)));
        SameAnswer(created, ensured);
        Assert.Equal((RuleViolation.Conflict, "report-exists"), (ensured.Violation, ensured.Code));
    }

    [Fact]
    public async Task Who_may_not_edit_is_refused_as_edit_refuses_him_and_the_check_changes_nothing()
    {
        var draft = await fixture.CreateAsync("drafter.haishi", 2043);
        var drafter = await fixture.UserAsync("drafter.haishi");
        var allowed = await fixture.ReportsAsync(s => s.EnsureMayEditAsync(drafter, draft.Id));
        Assert.Equal((draft.Id, draft.Revision), (allowed.Id, allowed.Revision));

        foreach (var (userName, violation) in new[] { ("secretary.haishi", RuleViolation.Forbidden), ("committee.gongwei", RuleViolation.Forbidden),
                     ("drafter.kexie", RuleViolation.NotFound) })
        {
            var user = await fixture.UserAsync(userName);
            var ensured = await RefusalOf(() => fixture.ReportsAsync(s => s.EnsureMayEditAsync(user, draft.Id)));
            var edited = await RefusalOf(() => fixture.ReportsAsync(s => s.EditAsync(user, draft.Id, "新标题", Body)));
            SameAnswer(edited, ensured);
            Assert.Equal(violation, ensured.Violation);
        }

        await fixture.ExecuteAsync("drafter.haishi", draft.Id, ReportCommand.Submit);
        var inReview = await RefusalOf(() => fixture.ReportsAsync(s => s.EnsureMayEditAsync(drafter, draft.Id)));
        SameAnswer(await RefusalOf(() => fixture.ReportsAsync(s => s.EditAsync(drafter, draft.Id, "新标题", Body))), inReview);
        Assert.Equal((RuleViolation.Conflict, "invalid-state"), (inReview.Violation, inReview.Code));

        var after = await fixture.ReloadAsync(draft.Id);
        Assert.Equal((ReportStatus.SecretaryReview, 1, draft.Title), (after.Status, after.Revision, after.Title));
        Assert.Equal(2, (await fixture.JournalAsync(draft.Id)).Count);
    }
}
