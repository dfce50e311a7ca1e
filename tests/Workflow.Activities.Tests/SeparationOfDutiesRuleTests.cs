using Workflow.Activities;

namespace Workflow.Activities.Tests;

/// <summary>三员分立 as one rule: at most one administrator role, and an administrator role alone.</summary>
public sealed class SeparationOfDutiesRuleTests
{
    [Theory]
    [InlineData("Admin")]
    [InlineData("SecurityAdmin")]
    [InlineData("Auditor")]
    [InlineData("Drafter")]
    [InlineData("Drafter,PartySecretary")]
    [InlineData("Admin,Admin")]
    [InlineData("")]
    public void Allowed_role_sets_pass(string roles) => Assert.Null(RoleNames.CheckSeparation(Split(roles)));

    [Theory]
    [InlineData("Admin,SecurityAdmin", "三员分立：同一账号不能同时担任系统管理员、安全保密管理员。")]
    [InlineData("Auditor,SecurityAdmin", "三员分立：同一账号不能同时担任安全审计员、安全保密管理员。")]
    [InlineData("Admin,SecurityAdmin,Auditor", "三员分立：同一账号不能同时担任系统管理员、安全保密管理员、安全审计员。")]
    [InlineData("Auditor,Committee", "三员分立：安全审计员账号不能同时担任业务角色（市直机关工委）。")]
    [InlineData("Drafter,Admin", "三员分立：系统管理员账号不能同时担任业务角色（起草人）。")]
    public void Two_administrator_roles_or_one_with_a_business_role_are_refused(string roles, string reason) =>
        Assert.Equal(reason, RoleNames.CheckSeparation(Split(roles)));

    private static string[] Split(string roles) => roles.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
