using System.Net;
using System.Text.RegularExpressions;
using Workflow.Web.Tests.Infrastructure;
using static Workflow.Web.Tests.Documents.WordFiles;

namespace Workflow.Web.Tests.Pages;

/// <summary>
/// Checks people can act on: the real 科协 report (135 placeholders) imported, its findings grouped by kind with counts and
/// linked to their phrase in the numbered text; the editor's numbered paragraphs and side panel; 提交审核 asking first.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed partial class ReportChecksPageTests(AppFactory app)
{
    public sealed record Finding(string Code, string Severity, string Message, int? Paragraph, int? Start, int? Length, string Excerpt);

    public sealed record ChecksCount(int Errors, int Warnings);

    public sealed record SubmitAnswer(string Status, ChecksCount Checks);

    // Three blank lines then "共余次", the number before 余 left out: two warnings (blank-paragraphs, missing-number) after the errors.
    private const string Appended = "\n\n\n\n全年共余次开展警示教育。";

    /// <summary>The 科协 sample imported by its drafter, then given two warnings; its title says 2023, the report's year is later.</summary>
    private async Task<(Guid Id, string Body, Finding[] Findings)> ImportKexieAsync(DemoUnit unit)
    {
        var drafter = await app.SharedClientAsync(unit.Drafter);
        var year = app.NextYear(unit);
        var imported = await drafter.PostAsync("/api/reports/import",
                Form(("kexie-2023.txt", File.ReadAllBytes(SamplePath("kexie-2023.txt"))), ("year", year.ToString())))
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.Created);
        var body = imported.Body + Appended;
        await drafter.PutJsonAsync($"/api/reports/{imported.Id}", new { title = imported.Title, body }).ExpectAsync(HttpStatusCode.OK);
        var findings = await drafter.GetAsync($"/api/reports/{imported.Id}/checks").ExpectAsync<Finding[]>(HttpStatusCode.OK);
        return (imported.Id, body, findings);
    }

    [Fact]
    public async Task Findings_are_grouped_by_kind_with_counts_errors_first_and_long_groups_show_five_then_all()
    {
        var unit = DemoUnit.Kexie;
        var (id, _, findings) = await ImportKexieAsync(unit);
        using var session = await PageSession.SignInAsync(app, unit.Drafter);

        var html = await session.GetDecodedPageAsync($"/Reports/Details/{id}");

        var groups = Groups(html);
        // The title's year comes first in the text, so its group leads the errors; then the 135 placeholders; then the warnings.
        Assert.Equal([("title-year-mismatch", 1, true), ("placeholder", 135, true), ("blank-paragraphs", 1, false), ("missing-number", 1, false)],
            groups.Select(g => (g.Code, g.Count, g.Open)));
        Assert.Equal(findings.GroupBy(f => f.Code).ToDictionary(g => g.Key, g => g.Count()), groups.ToDictionary(g => g.Code, g => g.Count));
        Assert.Contains("发现 136 处必须修改、2 处建议修改", Regex.Replace(Section(html, "checks-summary"), "<[^>]+>", ""));
        var placeholders = groups.Single(g => g.Code == "placeholder");
        Assert.Contains("<span class=\"badge sev-error\">必须修改</span>", placeholders.Html);
        Assert.Contains("<span class=\"group-kind\">待填写的占位符</span>", placeholders.Html);
        Assert.Contains("<span class=\"group-count\">135 处</span>", placeholders.Html);
        Assert.Contains("建议修改", groups.Single(g => g.Code == "missing-number").Html);
        // Five listed, the other 130 behind 显示全部 135 条, folded.
        var more = Regex.Match(placeholders.Html, "<details class=\"finding-more\" id=\"more-placeholder\">\\s*<summary>显示全部 135 条</summary>(.*)</details>",
            RegexOptions.Singleline);
        Assert.True(more.Success, placeholders.Html[..Math.Min(2000, placeholders.Html.Length)]);
        Assert.Equal(130, Regex.Count(more.Groups[1].Value, "<li class=\"finding "));
        Assert.Equal(135, Regex.Count(placeholders.Html, "<li class=\"finding "));
    }

    [Fact]
    public async Task Each_finding_links_to_its_phrase_marked_in_its_numbered_paragraph()
    {
        var unit = DemoUnit.Shengtai;
        var (id, body, findings) = await ImportKexieAsync(unit);
        using var session = await PageSession.SignInAsync(app, unit.Secretary);

        var html = await session.GetDecodedPageAsync($"/Reports/Details/{id}");

        var lines = body.Split('\n');
        var paragraphs = ParagraphsOf(html);
        // Every non-blank line is a paragraph with its checker number as anchor, the blank lines skipped but counted.
        var expected = lines.Select((l, i) => (Number: i + 1, Text: l.Trim())).Where(p => p.Text.Length > 0).Select(p => p.Number);
        Assert.Equal(expected.Append(lines.Length - 3).Order(), paragraphs.Keys.Order());
        var links = Links(html);
        Assert.Equal(findings.Count(f => f.Paragraph is not null), links.Count);
        for (var n = 1; n <= findings.Length; n++)
        {
            var f = findings[n - 1];
            if (f.Paragraph is not { } p) continue;
            var text = p == 0 ? "" : lines[p - 1];
            if (f.Length > 0 && p > 0)
            {
                // The link jumps to the phrase, marked inside the paragraph it was found in.
                Assert.Equal($"#f-{n}", links[n]);
                var mark = Regex.Match(paragraphs[p], $"<mark class=\"finding-mark sev-{f.Severity.ToLowerInvariant()}\" id=\"f-{n}\">([^<]*)</mark>");
                Assert.True(mark.Success, $"finding {n} ({f.Code}, 第{p}段) has no mark: {paragraphs[p]}");
                Assert.Equal(text.Substring(f.Start!.Value, f.Length!.Value), mark.Groups[1].Value);
            }
            else if (p > 0)
            {
                Assert.Equal($"#p-{p}", links[n]);
            }
        }
        // The title's wrong year is marked in the heading (paragraph 0); the blank run points at its first blank paragraph.
        var title = Assert.Single(findings, f => f.Code == "title-year-mismatch");
        Assert.Matches("<h1 id=\"report-title\"><span class=\"para\" id=\"p-0\">[^<]*<mark class=\"finding-mark sev-error\" id=\"f-1\">2023年</mark>", html);
        Assert.Equal(0, title.Paragraph);
        var blank = Assert.Single(findings, f => f.Code == "blank-paragraphs");
        Assert.Equal(lines.Length - 3, blank.Paragraph);
        Assert.Equal("（空段落）", paragraphs[blank.Paragraph!.Value]);
        // The paragraph whose measure word lacks a number is the last one, numbered after the blank ones.
        Assert.Contains("<mark class=\"finding-mark sev-warning\"", paragraphs[lines.Length]);
    }

    [Fact]
    public async Task Submit_with_errors_asks_first_naming_the_count_and_the_committee_refusal_then_submits_when_confirmed()
    {
        var unit = DemoUnit.Haishi;
        var (id, _, findings) = await ImportKexieAsync(unit);
        var errors = findings.Count(f => f.Severity == "Error");
        using var session = await PageSession.SignInAsync(app, unit.Drafter);
        var page = $"/Reports/Details/{id}";

        var asked = await PageSession.RefusedAsync(await session.PostFormToAsync(page, $"{page}?handler=Submit"));

        var confirm = Section(asked, "submit-confirm");
        Assert.Contains($"报告检查发现 {errors} 处必须修改的问题", confirm);
        Assert.Contains("不能进入市直机关工委审核环节", confirm);
        Assert.Contains("name=\"ConfirmSubmit\" value=\"true\"", confirm);
        Assert.Contains($"href=\"/Reports/Edit/{id}\"", confirm);
        var drafter = await app.SharedClientAsync(unit.Drafter);
        Assert.Equal("Draft", (await drafter.GetAsync($"/api/reports/{id}").ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK)).Status);

        var submitted = await session.FollowAsync(
            await session.PostFormToAsync(page, $"{page}?handler=Submit", ("ConfirmSubmit", "true")), page);
        Assert.Contains("报告已提交。", submitted);
        Assert.DoesNotContain("id=\"submit-confirm\"", submitted);
        Assert.Equal("SecretaryReview", (await drafter.GetAsync($"/api/reports/{id}").ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK)).Status);
    }

    [Fact]
    public async Task Submit_of_a_text_without_errors_goes_straight_through()
    {
        var unit = DemoUnit.Renda;
        var report = await app.CreateReportAsync(unit, "Draft");
        using var session = await PageSession.SignInAsync(app, unit.Drafter);
        var page = $"/Reports/Details/{report.Id}";

        var submitted = await session.FollowAsync(await session.PostFormToAsync(page, $"{page}?handler=Submit"), page);

        Assert.Contains("报告已提交。", submitted);
        Assert.Equal("SecretaryReview", (await (await app.SharedClientAsync(unit.Drafter)).GetAsync($"/api/reports/{report.Id}")
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK)).Status);
    }

    [Fact]
    public async Task The_api_submit_keeps_submitting_its_answer_counts_the_findings_and_the_committee_refusal_names_the_count()
    {
        var unit = DemoUnit.Renda;
        var (id, _, findings) = await ImportKexieAsync(unit);

        var answer = await (await app.SharedClientAsync(unit.Drafter)).PostJsonAsync($"/api/reports/{id}/submit")
            .ExpectAsync<SubmitAnswer>(HttpStatusCode.OK);

        Assert.Equal("SecretaryReview", answer.Status);
        Assert.Equal(new ChecksCount(findings.Count(f => f.Severity == "Error"), findings.Count(f => f.Severity == "Warning")), answer.Checks);
        Assert.Equal(new ChecksCount(136, 2), answer.Checks);
        // The committee step refuses it, and the problem names the count.
        await (await app.SharedClientAsync(unit.Secretary)).PostJsonAsync($"/api/reports/{id}/approve", new { comment = "同意。" })
            .ExpectAsync(HttpStatusCode.OK);
        var problem = await (await (await app.SharedClientAsync(unit.Inspector)).PostJsonAsync($"/api/reports/{id}/approve"))
            .AssertProblemAsync(HttpStatusCode.Conflict, "report-checks-failed");
        Assert.StartsWith("报告检查发现136处必须修改的问题", problem.Title);
    }

    [Fact]
    public async Task The_editor_numbers_its_paragraphs_and_shows_the_findings_and_the_latest_return_comment_beside_the_text()
    {
        var unit = DemoUnit.Kexie;
        var (id, body, findings) = await ImportKexieAsync(unit);
        var drafter = await app.SharedClientAsync(unit.Drafter);
        var secretary = await app.SharedClientAsync(unit.Secretary);
        await drafter.PostJsonAsync($"/api/reports/{id}/submit").ExpectAsync(HttpStatusCode.OK);
        await secretary.PostJsonAsync($"/api/reports/{id}/return", new { comment = "请补全第5段等处的占位符。" }).ExpectAsync(HttpStatusCode.OK);
        using var session = await PageSession.SignInAsync(app, unit.Drafter);

        var html = await session.GetDecodedPageAsync($"/Reports/Edit/{id}");

        Assert.Contains("请补全第5段等处的占位符。", Section(html, "latest-return"));
        Assert.Contains("（136 处必须修改，2 处建议修改）", Section(html, "edit-side"));
        // The preview numbers each line as the checks do, blank lines included.
        var lines = body.Split('\n');
        var items = Regex.Matches(html, "<li value=\"(\\d+)\" id=\"e-p-(\\d+)\" data-paragraph=\"(\\d+)\"[^>]*>([^<]*)</li>");
        Assert.Equal(Enumerable.Range(1, lines.Length), items.Select(m => int.Parse(m.Groups[1].Value)));
        Assert.All(items, m => Assert.Equal(m.Groups[1].Value, m.Groups[2].Value));
        Assert.Equal(lines[4].Trim(), items[4].Groups[4].Value);
        Assert.Equal("（空段落）", items[lines.Length - 3].Groups[4].Value);
        // Each finding with a place links to its numbered paragraph there.
        var links = Links(html);
        var placed = findings.Select((f, i) => (f, n: i + 1)).Where(x => x.f.Paragraph is not null).ToList();
        Assert.Equal(placed.Count, links.Count);
        Assert.All(placed, x => Assert.Equal($"#e-p-{x.f.Paragraph}", links[x.n]));
    }

    private sealed record Group(string Code, int Count, bool Open, string Html);

    private static List<Group> Groups(string html) =>
        GroupPattern().Matches(html).Select(m => new Group(m.Groups["code"].Value, int.Parse(m.Groups["count"].Value),
            m.Groups["open"].Success, m.Groups["html"].Value)).ToList();

    // Finding number (its position in the checks' list) → where its link jumps.
    private static Dictionary<int, string> Links(string html)
    {
        var links = new Dictionary<int, string>();
        foreach (Match li in Regex.Matches(html, "<li class=\"finding [^\"]*\" data-code=\"[^\"]*\" data-n=\"(?<n>\\d+)\"[^>]*>\\s*(?:<a class=\"finding-link\" href=\"(?<href>[^\"]+)\")?"))
            if (li.Groups["href"].Success) links.Add(int.Parse(li.Groups["n"].Value), li.Groups["href"].Value);
        return links;
    }

    private static Dictionary<int, string> ParagraphsOf(string html) =>
        Regex.Matches(html, "<p class=\"para[^\"]*\" id=\"p-(\\d+)\" data-n=\"\\1\">(.*?)</p>", RegexOptions.Singleline)
            .ToDictionary(m => int.Parse(m.Groups[1].Value), m => m.Groups[2].Value);

    private static string Section(string html, string id)
    {
        var m = Regex.Match(html, $"<(?<tag>section|details|p)[^>]*id=\"{id}\"[^>]*>(?<inner>.*?)</\\k<tag>>", RegexOptions.Singleline);
        Assert.True(m.Success, $"no #{id} on the page");
        return m.Groups["inner"].Value;
    }

    private static string SamplePath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ApprovalFlow.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "samples", name));
        throw new DirectoryNotFoundException("../shared/samples");
    }

    [GeneratedRegex("<details class=\"finding-group [^\"]*\" id=\"group-(?<code>[a-z-]+)\" data-code=\"\\k<code>\" data-count=\"(?<count>\\d+)\"(?<open> open=\"open\")?>(?<html>.*?)</details>\\s*(?=<details class=\"finding-group|</div>)",
        RegexOptions.Singleline)]
    private static partial Regex GroupPattern();
}
