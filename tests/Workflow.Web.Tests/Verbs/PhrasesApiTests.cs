using System.Net;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Verbs;

/// <summary>常用语 through the API: mine first, then the defaults I have not saved; at most 20, no duplicates, another user's is 404.</summary>
public abstract class PhrasesApiCases
{
    private readonly AppFactory _app;

    protected PhrasesApiCases(AppFactory app) => _app = app;

    public sealed record Phrase(Guid? Id, string Text, bool IsDefault);

    private static readonly string[] Defaults = ["同意。", "同意，请按程序报送。", "请按意见修改后重新报送。", "退回，请补充存在的问题和整改措施。", "已阅。"];

    [Fact]
    public async Task Saved_phrases_come_first_then_the_defaults_and_can_be_reordered_and_deleted()
    {
        var me = await _app.ClientForAsync(DemoUnit.Renda.Secretary);
        var offered = await me.GetAsync("/api/account/phrases").ExpectAsync<Phrase[]>(HttpStatusCode.OK);
        Assert.Equal(Defaults, offered.Select(p => p.Text));
        Assert.All(offered, p => Assert.True(p.IsDefault && p.Id is null));

        var first = await me.PostJsonAsync("/api/account/phrases", new { text = "  报告内容完整，同意报送。 " }).ExpectAsync<Phrase>(HttpStatusCode.Created);
        Assert.Equal(("报告内容完整，同意报送。", false), (first.Text, first.IsDefault));
        // Saving a default's text makes it his own: it is listed once, among his.
        var second = await me.PostJsonAsync("/api/account/phrases", new { text = "已阅。" }).ExpectAsync<Phrase>(HttpStatusCode.Created);
        offered = await me.GetAsync("/api/account/phrases").ExpectAsync<Phrase[]>(HttpStatusCode.OK);
        Assert.Equal(["报告内容完整，同意报送。", "已阅。", "同意。", "同意，请按程序报送。", "请按意见修改后重新报送。", "退回，请补充存在的问题和整改措施。"],
            offered.Select(p => p.Text));
        Assert.Equal([false, false, true, true, true, true], offered.Select(p => p.IsDefault));

        await (await me.PostJsonAsync("/api/account/phrases", new { text = "已阅。" })).AssertProblemAsync(HttpStatusCode.BadRequest, "phrase-duplicate");
        await (await me.PostJsonAsync("/api/account/phrases", new { text = "  " })).AssertProblemAsync(HttpStatusCode.BadRequest, "phrase-required");
        await (await me.PostJsonAsync("/api/account/phrases", new { text = new string('意', 201) })).AssertProblemAsync(HttpStatusCode.BadRequest, "phrase-too-long");
        await (await me.PostJsonAsync("/api/account/phrases", new { text = "同意\u0001" })).AssertProblemAsync(HttpStatusCode.BadRequest, "text-invalid-character");

        var reordered = await me.PutJsonAsync("/api/account/phrases/order", new { ids = new[] { second.Id, first.Id } }).ExpectAsync<Phrase[]>(HttpStatusCode.OK);
        Assert.Equal(["已阅。", "报告内容完整，同意报送。"], reordered.Where(p => !p.IsDefault).Select(p => p.Text));
        await (await me.PutJsonAsync("/api/account/phrases/order", new { ids = new[] { second.Id } })).AssertProblemAsync(HttpStatusCode.BadRequest, "phrase-order-invalid");

        // Another user's phrase is not found for me, and mine stays.
        var other = await _app.ClientForAsync(DemoUnit.Renda.Drafter);
        await (await other.DeleteAsync($"/api/account/phrases/{first.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "phrase-not-found");
        Assert.Equal(Defaults, (await other.GetAsync("/api/account/phrases").ExpectAsync<Phrase[]>(HttpStatusCode.OK)).Select(p => p.Text));

        await me.DeleteAsync($"/api/account/phrases/{second.Id}").ExpectAsync(HttpStatusCode.NoContent);
        await (await me.DeleteAsync($"/api/account/phrases/{second.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "phrase-not-found");
        offered = await me.GetAsync("/api/account/phrases").ExpectAsync<Phrase[]>(HttpStatusCode.OK);
        Assert.Equal(["报告内容完整，同意报送。", .. Defaults], offered.Select(p => p.Text));
        await me.DeleteAsync($"/api/account/phrases/{first.Id}").ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_user_keeps_at_most_twenty_phrases()
    {
        var me = await _app.ClientForAsync(DemoUnit.Shengtai.Secretary);
        for (var i = 1; i <= 20; i++)
            await me.PostJsonAsync("/api/account/phrases", new { text = $"第{i}条常用语。" }).ExpectAsync(HttpStatusCode.Created);

        var problem = await (await me.PostJsonAsync("/api/account/phrases", new { text = "第21条常用语。" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "phrases-too-many");
        Assert.Contains("最多保存20条", problem.Title);
        var offered = await me.GetAsync("/api/account/phrases").ExpectAsync<Phrase[]>(HttpStatusCode.OK);
        Assert.Equal(20, offered.Count(p => !p.IsDefault));
        Assert.Equal("第20条常用语。", offered.Last(p => !p.IsDefault).Text);

        // Room again after a delete.
        await me.DeleteAsync($"/api/account/phrases/{offered[0].Id}").ExpectAsync(HttpStatusCode.NoContent);
        await me.PostJsonAsync("/api/account/phrases", new { text = "第21条常用语。" }).ExpectAsync(HttpStatusCode.Created);
        foreach (var p in (await me.GetAsync("/api/account/phrases").ExpectAsync<Phrase[]>(HttpStatusCode.OK)).Where(p => !p.IsDefault))
            await me.DeleteAsync($"/api/account/phrases/{p.Id}").ExpectAsync(HttpStatusCode.NoContent);
    }
}

[Collection(SharedAppCollection.Name)]
public sealed class PhrasesApiTests(AppFactory app) : PhrasesApiCases(app);

[Collection(PostgresAppCollection.Name)]
public sealed class PhrasesApiTestsOnPostgreSql(PostgresAppFactory app) : PhrasesApiCases(app);
