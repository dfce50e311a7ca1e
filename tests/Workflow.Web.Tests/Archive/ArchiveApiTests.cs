using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Data;
using Workflow.Host.Seeding;
using Workflow.Web.Api;
using Workflow.Web.Tests.Infrastructure;
using Workflow.Web.Tests.Operations;

namespace Workflow.Web.Tests.Archive;

/// <summary>The verifiable archive through the app: exports scoped like reports, the verify command on what they give, the auditor's check.</summary>
public sealed class ArchiveApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_report_archive_verifies_with_the_command_and_a_changed_opinion_is_named()
    {
        var reportId = await ReportOfAsync(DemoSeeder.Haishi);
        var committee = await app.ClientForAsync("committee.gongwei");
        var response = await committee.GetAsync($"/api/reports/{reportId}/archive");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        var zip = await response.Content.ReadAsByteArrayAsync();

        var path = Path.Combine(app.DataDirectory, "archive-ok.zip");
        await File.WriteAllBytesAsync(path, zip);
        var (code, output) = await AppCommandRunner.RunAsync("verify", path);
        Assert.Equal(0, code);
        Assert.StartsWith("OK", output);

        var tampered = Path.Combine(app.DataDirectory, "archive-tampered.zip");
        await File.WriteAllBytesAsync(tampered, Rewrite(zip, name => name.Contains("/ReportJournal/"), text => text.Replace("\"ActorName\": \"", "\"ActorName\": \"假")));
        (code, output) = await AppCommandRunner.RunAsync("verify", tampered);
        Assert.Equal(1, code);
        Assert.Contains("市海事法院", output);
        Assert.Contains("ReportJournal", output);
        Assert.Contains("记录内容被改动", output);

        (code, output) = await AppCommandRunner.RunAsync("verify", Path.Combine(app.DataDirectory, "no-such.zip"));
        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Another_units_report_is_404_and_a_year_needs_a_year()
    {
        var reportId = await ReportOfAsync(DemoSeeder.Haishi);
        var outsider = await app.ClientForAsync("drafter.kexie");
        await (await outsider.GetAsync($"/api/reports/{reportId}/archive")).AssertProblemAsync(HttpStatusCode.NotFound, "report-not-found");
        await (await outsider.GetAsync("/api/archive")).AssertProblemAsync(HttpStatusCode.BadRequest, "year-required");
        await (await outsider.GetAsync("/api/archive?year=2031")).AssertProblemAsync(HttpStatusCode.NotFound, "archive-empty");

        var team = await app.ClientForAsync("inspector.team2");
        var year = await team.GetAsync("/api/archive?year=2026");
        Assert.Equal(HttpStatusCode.OK, year.StatusCode);
        using var archive = new ZipArchive(new MemoryStream(await year.Content.ReadAsByteArrayAsync()));
        var reports = archive.Entries.Where(e => e.FullName.EndsWith("/report.json")).Select(e => new StreamReader(e.Open()).ReadToEnd()).ToList();
        Assert.NotEmpty(reports);
        // The team sees the units it is stationed at only.
        Assert.DoesNotContain(reports, r => r.Contains("市科协"));
        Assert.Contains(reports, r => r.Contains("市海事法院"));
    }

    [Fact]
    public async Task The_auditor_checks_the_live_chains_and_nobody_else_may()
    {
        var auditor = await app.ClientForAsync("auditor");
        var result = await (auditor.PostJsonAsync("/api/audit/archive-check")).ExpectAsync<ArchiveApi.ArchiveCheckDto>(HttpStatusCode.OK);
        Assert.True(result.Ok);
        Assert.True(result.Chains > 5 && result.Links > result.Chains);

        var committee = await app.ClientForAsync("committee.gongwei");
        Assert.Equal(HttpStatusCode.Forbidden, (await committee.PostJsonAsync("/api/audit/archive-check")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/api/reports/{await ReportOfAsync(DemoSeeder.Haishi)}/archive")).StatusCode);
    }

    [Fact]
    public async Task The_pages_offer_the_export_and_the_auditors_check()
    {
        var reportId = await ReportOfAsync(DemoSeeder.Haishi);
        using var committee = await PageSession.SignInAsync(app, "committee.gongwei");
        Assert.Contains($"/Reports/Archive?handler=Report&amp;id={reportId}", await committee.GetPageAsync($"/Reports/Details/{reportId}"));
        var download = await committee.GetAsync($"/Reports/Archive?handler=Report&id={reportId}");
        Assert.Equal("application/zip", download.Content.Headers.ContentType!.MediaType);
        Assert.True((await Workflow.Host.Archive.ArchiveVerifier.VerifyAsync(new MemoryStream(await download.Content.ReadAsByteArrayAsync()))).Ok);
        Assert.Contains("导出该年度存档", await committee.GetPageAsync("/Reports/Archive"));

        using var outsider = await PageSession.SignInAsync(app, "drafter.kexie");
        // A page's 404 goes to /NotFound, as every page's does.
        var refused = await outsider.GetAsync($"/Reports/Archive?handler=Report&id={reportId}");
        Assert.Equal((HttpStatusCode.Redirect, "/NotFound"), (refused.StatusCode, refused.Headers.Location!.OriginalString));

        using var auditor = await PageSession.SignInAsync(app, "auditor");
        var page = await auditor.PostFormToAsync("/Audit/Chain", "/Audit/Chain");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("全部吻合", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
    }

    private async Task<Guid> ReportOfAsync(Guid unitId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Reports.Where(r => r.UnitId == unitId && r.Year == 2026).Select(r => r.Id).SingleAsync();
    }

    /// <summary>A copy of the archive with the first entry <paramref name="pick"/> chooses rewritten as text.</summary>
    private static byte[] Rewrite(byte[] zip, Func<string, bool> pick, Func<string, string> change)
    {
        var copy = new MemoryStream();
        var done = false;
        using (var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        using (var target = new ZipArchive(copy, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in source.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var text = reader.ReadToEnd();
                if (!done && pick(entry.FullName))
                {
                    var changed = change(text);
                    Assert.NotEqual(text, changed);
                    (text, done) = (changed, true);
                }
                using var writer = new StreamWriter(target.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        return copy.ToArray();
    }
}
