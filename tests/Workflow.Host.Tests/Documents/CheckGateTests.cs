using Workflow.Activities.Reports;
using Workflow.Activities.Reports.Checks;

namespace Workflow.Host.Tests.Documents;

/// <summary>Errors found by the checks stop a report on its way into the committee step; warnings and earlier steps do not.</summary>
public class CheckGateTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Unfinished = "一、主要工作\n全年召开党组会xx次。\n二、存在的问题\n学习不够深入。\n三、下一步打算\n深化学习。";

    [Fact]
    public async Task Placeholders_block_the_approval_that_would_reach_the_committee_and_nothing_is_saved()
    {
        var report = await fixture.CreateAsync("drafter.kexie", 2031);
        await fixture.ReportsAsync(async s => await s.EditAsync(await fixture.UserAsync("drafter.kexie"), report.Id, report.Title, Unfinished));
        await fixture.ExecuteAsync("drafter.kexie", report.Id, ReportCommand.Submit);
        await fixture.ExecuteAsync("secretary.kexie", report.Id, ReportCommand.Approve);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            fixture.ExecuteAsync("inspector.team1", report.Id, ReportCommand.Approve, "同意"));
        Assert.Equal((RuleViolation.Conflict, "report-checks-failed"), (refused.Violation, refused.Code));
        Assert.Contains("不能提交市直机关工委审核", refused.Message);
        Assert.Contains("“xx”是待填写的占位符", refused.Message);
        var after = await fixture.ReloadAsync(report.Id);
        Assert.Equal(ReportStatus.DisciplineReview, after.Status);
        Assert.DoesNotContain(after.Journal, j => j.Action == ReportAction.Approved && j.FromStatus == ReportStatus.DisciplineReview);

        var findings = await fixture.ReportsAsync(async s => await s.ChecksAsync(await fixture.UserAsync("inspector.team1"), report.Id));
        Assert.Equal([(CheckCodes.Placeholder, CheckSeverity.Error), (CheckCodes.TooShort, CheckSeverity.Warning)],
            findings.Select(f => (f.Code, f.Severity)));

        await fixture.ExecuteAsync("inspector.team1", report.Id, ReportCommand.Return, "请补全数字。");
        var drafter = await fixture.UserAsync("drafter.kexie");
        await fixture.ReportsAsync(s => s.EditAsync(drafter, report.Id, report.Title, Unfinished.Replace("xx次", "23次")));
        await fixture.ExecuteAsync("drafter.kexie", report.Id, ReportCommand.Submit);
        await fixture.ExecuteAsync("inspector.team1", report.Id, ReportCommand.Approve);
        Assert.Equal(ReportStatus.CommitteeReview, (await fixture.ReloadAsync(report.Id)).Status);

        var diff = await fixture.ReportsAsync(async s => await s.DiffAsync(await fixture.UserAsync("committee.gongwei"), report.Id, 2, 3));
        var change = Assert.Single(diff.Sentences, c => c.Kind != Activities.Reports.Diff.ChangeKind.Unchanged);
        Assert.Equal("全年召开党组会23次。", change.New);
    }
}

/// <summary>With placeholders configured as warnings, the same report passes.</summary>
public class CheckGateConfiguredTests(CheckGateConfiguredTests.WarnFixture fixture) : IClassFixture<CheckGateConfiguredTests.WarnFixture>
{
    public sealed class WarnFixture : HostFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Demo:Seed"] = "true",
            ["Checks:Severities:placeholder"] = "Warning",
        };
    }

    [Fact]
    public async Task A_check_configured_as_warning_does_not_block()
    {
        var report = await fixture.CreateAsync("drafter.kexie", 2032);
        await fixture.ReportsAsync(async s => await s.EditAsync(await fixture.UserAsync("drafter.kexie"), report.Id, report.Title,
            "一、主要工作\n全年召开党组会xx次。\n二、存在的问题\n学习不够深入。\n三、下一步打算\n深化学习。"));
        await fixture.ExecuteAsync("drafter.kexie", report.Id, ReportCommand.Submit);
        await fixture.ExecuteAsync("secretary.kexie", report.Id, ReportCommand.Approve);
        await fixture.ExecuteAsync("inspector.team1", report.Id, ReportCommand.Approve);
        Assert.Equal(ReportStatus.CommitteeReview, (await fixture.ReloadAsync(report.Id)).Status);
        var findings = await fixture.ReportsAsync(async s => await s.ChecksAsync(await fixture.UserAsync("drafter.kexie"), report.Id));
        Assert.All(findings, f => Assert.Equal(CheckSeverity.Warning, f.Severity));
        Assert.Contains(findings, f => f.Code == CheckCodes.Placeholder);
    }
}
