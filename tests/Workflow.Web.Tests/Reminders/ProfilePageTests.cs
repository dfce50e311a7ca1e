using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Identity;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Reminders;

/// <summary>个人设置: a user keeps his own e-mail address; how messages reach him is chosen on 消息设置.</summary>
public sealed class ProfilePageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<AppUser> UserAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName))!;
    }

    [Fact]
    public async Task User_changes_his_address_and_finds_the_message_settings_beside_it()
    {
        using var session = await PageSession.SignInAsync(app, "secretary.shengtai");
        var before = await session.GetPageAsync("/Account/Profile");
        Assert.Contains("value=\"secretary.shengtai@example.gov.cn\"", before);
        Assert.Contains("href=\"/Account/Messages\"", before);

        var response = await session.PostFormAsync("/Account/Profile",
            ("Input.Email", "  chengang@sthj.example.gov.cn "));

        Assert.Equal("/Account/Profile", PageSession.RedirectPath(response));
        var after = await session.GetPageAsync("/Account/Profile");
        Assert.Equal("个人设置已保存。", PageSession.Flash(after));
        Assert.Contains("value=\"chengang@sthj.example.gov.cn\"", after);
        var user = await UserAsync("secretary.shengtai");
        Assert.Equal("chengang@sthj.example.gov.cn", user.Email);
    }

    [Theory]
    [InlineData("wangli.example.gov.cn", "电子邮箱格式不正确。")]
    [InlineData("", "请填写电子邮箱。")]
    public async Task Invalid_address_is_refused_beside_the_field_and_nothing_is_saved(string email, string message)
    {
        using var session = await PageSession.SignInAsync(app, "drafter.kexie");

        var response = await session.PostFormAsync("/Account/Profile", ("Input.Email", email));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(message, PageSession.FieldError(html, "Input.Email"));
        Assert.Null(PageSession.Flash(html));
        var user = await UserAsync("drafter.kexie");
        Assert.Equal("drafter.kexie@example.gov.cn", user.Email);
    }
}
