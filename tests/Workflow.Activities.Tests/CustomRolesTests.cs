using Workflow.Activities.Organization;

namespace Workflow.Activities.Tests;

/// <summary>The name rule of an added unit role: its name becomes a role code, so it must not pass for a built-in one.</summary>
public sealed class CustomRolesTests
{
    [Theory]
    [InlineData("分管领导")]
    [InlineData(" 办公室主任 ")]
    public void A_plain_chinese_name_is_accepted(string name) => Assert.Null(CustomRoles.NameProblem(name));

    [Theory]
    [InlineData("", "请填写")]
    [InlineData("党组书记", "内置角色")]
    [InlineData("partysecretary", "内置角色")]
    [InlineData("安全审计员", "内置角色")]
    [InlineData("Admin", "内置角色")]
    [InlineData("督\t导", "控制字符")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一", "不能超过20")]
    public void Built_in_names_codes_control_characters_and_long_names_are_refused(string name, string reason) =>
        Assert.Contains(reason, CustomRoles.NameProblem(name));
}
