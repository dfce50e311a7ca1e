using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Reminders;

/// <summary>The links Host puts in notifications and mails come from Web's page routes, and each opens its page.</summary>
public sealed class PageLinksTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Each_link_is_the_path_of_its_page_and_opens_it()
    {
        var links = app.Services.GetRequiredService<IAppLinks>();
        var id = Guid.NewGuid();
        Assert.IsType<PageLinks>(links);
        Assert.Equal($"/Reports/Details/{id}", links.Report(id));
        Assert.Equal($"/Rectifications/Details/{id}", links.Rectification(id));
        Assert.Equal("/Reports/Create", links.NewReport());
        Assert.Equal("/Reports", links.Reports());

        using var session = await PageSession.SignInAsync(app, "drafter.kexie");
        foreach (var path in new[] { links.NewReport(), links.Reports() })
            Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync(path)).StatusCode);
    }
}
