using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Workflow.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using static Workflow.Web.Tests.Infrastructure.ApiContract;

namespace Workflow.Web.Tests.GoingLive;

/// <summary>
/// Issue 13's done-when, end to end and out of process: the README's "Going live" steps in their order, on the real published
/// app — <c>dotnet publish</c>, start in Production with an empty data folder (SQLite, every other setting default),
/// <c>admin create</c> × 3, first sign-in and password change, organisation import from the template, initial passwords by the
/// 安全保密管理员, a report walked through the route, the 安全审计员 reading the log, and an online backup.
/// </summary>
public sealed partial class GoingLiveTests(ITestOutputHelper log) : IDisposable
{
    // Guards against a hang, not a speed check: the four test projects run side by side on two cores, so a Release publish can be slow.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromMinutes(3);

    private readonly string root = Directory.CreateTempSubdirectory("approvalflow-live-").FullName;
    private readonly List<HttpClient> clients = [];
    private Process? server;
    private readonly StringBuilder serverOutput = new();

    private string AppFolder => Path.Combine(root, "app");
    private string DataFolder => Path.Combine(root, "data");

    [Fact]
    public async Task A_newcomer_following_the_README_publishes_starts_creates_the_administrators_imports_and_walks_a_report()
    {
        // 1. Publish, exactly as the README says (only the output folder differs).
        var repo = RepositoryRoot();
        var publishArgs = new[] { "publish", "src/Workflow.Web", "-c", "Release", "-o", AppFolder };
        Assert.Contains("dotnet publish src/Workflow.Web -c Release -o /opt/approvalflow", await File.ReadAllTextAsync(Path.Combine(repo, "README.md")));
        var watch = Stopwatch.StartNew();
        var publish = await RunAsync(repo, publishArgs, PublishTimeout, production: false);
        log.WriteLine($"dotnet publish: {watch.Elapsed.TotalSeconds:F0} s");
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed ({publish.ExitCode}):\n{publish.Output}");
        Assert.True(File.Exists(Path.Combine(AppFolder, "Workflow.Web.dll")), publish.Output);
        Assert.True(Directory.Exists(Path.Combine(AppFolder, "wwwroot")), "wwwroot/ is missing from the published app");

        // 2. Install and start: the published app in Production, an empty data folder; wait until it is ready.
        var baseAddress = await StartAsync();
        // 3. The three administrators (三员分立) on the running installation, each with a one-time password printed once.
        var admin = await CreateAdministratorAsync("xitong", "Admin");
        var secadmin = await CreateAdministratorAsync("anquan", "SecurityAdmin");
        var auditor = await CreateAdministratorAsync("shenji", "Auditor");
        Assert.Equal(3, new[] { admin, secadmin, auditor }.Distinct().Count());
        var again = await AppCommandAsync("admin", "create", "xitong", "--role", "Admin");
        Assert.True(again.ExitCode != 0, $"a second admin create of the same name succeeded:\n{again.Output}");
        Assert.DoesNotContain("一次性密码", again.Output);
        var badRole = await AppCommandAsync("admin", "create", "someone", "--role", "Drafter");
        Assert.True(badRole.ExitCode != 0, badRole.Output);

        // No demo data in Production, ever; the security headers and Production error handling.
        var anonymous = Client(baseAddress);
        await (await anonymous.PostJsonAsync("/api/auth/login", new { userName = "admin", password = "Demo@2026" }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");

        var home = await anonymous.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("nosniff", Header(home, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(home, "Referrer-Policy"));
        Assert.Contains("frame-ancestors 'none'", Header(home, "Content-Security-Policy"));
        Assert.Contains("script-src 'self'", Header(home, "Content-Security-Policy"));
        var missing = await anonymous.GetAsync("/no-such-page");
        Assert.Equal((HttpStatusCode.Redirect, "/NotFound"), (missing.StatusCode, missing.Headers.Location?.OriginalString));
        // Production error handling: a broken request body is a problem+json in Chinese, never a developer exception page.
        var broken = await anonymous.SendRawAsync(HttpMethod.Post, "/api/auth/login", "{\"userName\": ");
        var brokenBody = await broken.Content.ReadAsStringAsync();
        Assert.True((int)broken.StatusCode is >= 400 and < 500, $"{(int)broken.StatusCode} {brokenBody}");
        Assert.Equal("application/problem+json", broken.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", brokenBody);
        Assert.DoesNotContain("   at ", brokenBody);
        var error = await (await anonymous.GetAsync("/Error")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Development Mode", error);
        Assert.DoesNotContain("ASPNETCORE_ENVIRONMENT", error);

        // 4. First sign-in of each administrator: 403 password-change-required, change it, sign in.
        var adminClient = await FirstSignInAsync(baseAddress, "xitong", admin);
        var secClient = await FirstSignInAsync(baseAddress, "anquan", secadmin);
        var auditClient = await FirstSignInAsync(baseAddress, "shenji", auditor);

        // 5. The 系统管理员 fills the template and imports the organisation.
        var template = await adminClient.GetAsync("/api/admin/organisation/template").ExpectAsync(HttpStatusCode.OK);
        var filled = FillTemplate(await template.Content.ReadAsByteArrayAsync());
        var imported = await adminClient.PostAsync("/api/admin/organisation/import", Upload(filled, "组织机构.xlsx"))
            .ExpectAsync<ImportResult>(HttpStatusCode.OK);
        Assert.Equal(new ImportResult(4, 0, 6, 0), imported);
        // The export holds exactly what was imported: no demo unit or person came with the installation.
        var export = await adminClient.GetAsync("/api/admin/organisation/export").ExpectAsync(HttpStatusCode.OK);
        using (var book = new XLWorkbook(new MemoryStream(await export.Content.ReadAsByteArrayAsync())))
        {
            Assert.Equal(["GW", "JJ1", "KX", "ST"], DataColumn(book.Worksheet("单位"), "代码").Order(StringComparer.Ordinal));
            Assert.Equal(People.Select(p => p.UserName).Order(StringComparer.Ordinal),
                DataColumn(book.Worksheet("人员"), "用户名").Order(StringComparer.Ordinal));
        }

        // 6. The 安全保密管理员 issues initial passwords; each person changes his and signs in.
        var accounts = await secClient.GetAsync("/api/security/accounts").ExpectAsync<Account[]>(HttpStatusCode.OK);
        var people = new Dictionary<string, HttpClient>();
        foreach (var person in People)
        {
            var account = Assert.Single(accounts, a => a.UserName == person.UserName);
            Assert.False(account.HasPassword, $"{person.UserName} was imported with a password");
            var initial = await secClient.PostJsonAsync($"/api/security/accounts/{account.Id}/reset-password")
                .ExpectAsync<OneTimePassword>(HttpStatusCode.OK);
            people[person.UserName] = await FirstSignInAsync(baseAddress, person.UserName, initial.Value,
                expectChangeRequired: person.UserName == "drafter.kx");
        }

        // 7. The year's report, through the route: drafter → secretary → inspection team → committee.
        var year = DateTime.UtcNow.Year;
        var title = $"中共市科学技术协会党组关于{year}年度落实全面从严治党主体责任情况的报告";
        var drafter = people["drafter.kx"];
        var report = await drafter.PostJsonAsync("/api/reports", new { title, year, body = ReportBody })
            .ExpectAsync<ReportDto>(HttpStatusCode.Created);
        Assert.Equal(("Draft", "市科学技术协会"), (report.Status, report.UnitName));
        var url = $"/api/reports/{report.Id}";
        await drafter.PostJsonAsync($"{url}/submit").ExpectAsync(HttpStatusCode.OK);
        await people["secretary.kx"].PostJsonAsync($"{url}/approve", new { comment = "同意报送。" }).ExpectAsync(HttpStatusCode.OK);
        var findings = await people["inspector.jj1"].GetAsync($"{url}/checks").ExpectAsync<Finding[]>(HttpStatusCode.OK);
        foreach (var finding in findings) log.WriteLine($"check: {finding.Severity} {finding.Code} {finding.Message}");
        Assert.True(findings.All(f => f.Severity != "Error"),
            "the report checks block the committee step:\n" + string.Join("\n", findings.Select(f => $"{f.Severity} {f.Code}: {f.Message}")));
        await people["inspector.jj1"].PostJsonAsync($"{url}/approve", new { comment = "经审核，同意。" }).ExpectAsync(HttpStatusCode.OK);
        await people["committee.gw"].PostJsonAsync($"{url}/approve", new { comment = "审核通过。" }).ExpectAsync(HttpStatusCode.OK);
        var approved = await drafter.GetAsync(url).ExpectAsync<ReportDto>(HttpStatusCode.OK);
        Assert.Equal("Approved", approved.Status);
        var journal = await drafter.GetAsync($"{url}/journal").ExpectAsync<JournalEntry[]>(HttpStatusCode.OK);
        Assert.Equal(["Created", "Submitted", "Approved", "Approved", "Approved"], journal.OrderBy(j => j.Sequence).Select(j => j.Action));
        Assert.Equal(["Draft", "SecretaryReview", "DisciplineReview", "CommitteeReview", "Approved"],
            journal.OrderBy(j => j.Sequence).Select(j => j.ToStatus));

        // The 安全审计员 sees the sign-ins, the import and the password resets; the 安全保密管理员 cannot read the log.
        var entries = await auditClient.GetAsync("/api/audit?pageSize=200").ExpectAsync<AuditEntry[]>(HttpStatusCode.OK);
        foreach (var user in new[] { "xitong", "anquan", "shenji" }.Concat(People.Select(p => p.UserName)))
            Assert.Contains(entries, e => e.Kind == "SignInSucceeded" && e.Account == user && e.Succeeded);
        Assert.Contains(entries, e => e.Kind == "SignInFailed" && e.Account == "admin" && !e.Succeeded);
        Assert.Contains(entries, e => e.Kind == "OrganisationImported" && e.Account == "xitong" && e.Succeeded);
        foreach (var person in People)
            Assert.Contains(entries, e => e.Kind == "PasswordReset" && e.Account == "anquan" && e.Subject == person.UserName && e.Succeeded);
        foreach (var user in new[] { "xitong", "anquan", "shenji" })
            Assert.Contains(entries, e => e.Kind == "AccountCreated" && e.Account == user && e.Succeeded);
        await (await secClient.GetAsync("/api/audit")).AssertProblemAsync(HttpStatusCode.Forbidden);

        // 8. An online backup while the app serves.
        var backupFolder = Path.Combine(root, "backup");
        var backup = await AppCommandAsync("backup", backupFolder);
        Assert.True(backup.ExitCode == 0, $"backup failed ({backup.ExitCode}):\n{backup.Output}");
        Assert.Contains("备份完成", backup.Output);
        var manifest = await File.ReadAllTextAsync(Path.Combine(backupFolder, "manifest.json"));
        Assert.Contains("approvalflow.db", manifest);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
    }

    /// <summary>The README's list of steps names the commands this test runs, in the order it runs them.</summary>
    [Fact]
    public async Task The_README_going_live_steps_are_the_ones_this_test_takes_in_this_order()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("### 上线步骤", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no section 上线步骤 under Going live");
        var end = readme.IndexOf("\n### ", start + 1, StringComparison.Ordinal);
        var steps = readme[start..end];
        string[] order =
        [
            "dotnet publish src/Workflow.Web -c Release -o /opt/approvalflow",
            "/health/ready",
            "ASPNETCORE_ENVIRONMENT=Production dotnet Workflow.Web.dll admin create xitong --role Admin",
            "ASPNETCORE_ENVIRONMENT=Production dotnet Workflow.Web.dll admin create anquan --role SecurityAdmin",
            "ASPNETCORE_ENVIRONMENT=Production dotnet Workflow.Web.dll admin create shenji --role Auditor",
            "password-change-required",
            "POST /api/auth/password",
            "GET /api/admin/organisation/template",
            "POST /api/admin/organisation/import",
            "POST /api/security/accounts/{id}/reset-password",
            "POST /api/reports",
            "GET /api/reports/{id}/checks",
            "GET /api/audit",
            "backup <folder>",
        ];
        var at = 0;
        foreach (var text in order)
        {
            var found = steps.IndexOf(text, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"README 上线步骤: “{text}” is missing or out of order");
            at = found + text.Length;
        }
    }

    // ---- the organisation ----

    private sealed record Person(string UserName, string DisplayName, string UnitCode, string Role);

    private static readonly Person[] People =
    [
        new("drafter.kx", "张起草", "KX", "起草人"),
        new("secretary.kx", "李书记", "KX", "党组书记"),
        new("drafter.st", "王起草", "ST", "起草人"),
        new("secretary.st", "赵书记", "ST", "党组书记"),
        new("inspector.jj1", "孙纪检", "JJ1", "纪检监察组"),
        new("committee.gw", "周工委", "GW", "市直机关工委"),
    ];

    /// <summary>The downloaded template, filled as an administrator would: headers found by text, values typed below them.</summary>
    private static byte[] FillTemplate(byte[] template)
    {
        using var book = new XLWorkbook(new MemoryStream(template));
        Fill(book.Worksheet("单位"),
        [
            new() { ["代码"] = "GW", ["名称"] = "市直机关工委", ["类别"] = "监督委员会" },
            new() { ["代码"] = "JJ1", ["名称"] = "市纪委监委第一派驻纪检监察组", ["类别"] = "纪检监察组" },
            new() { ["代码"] = "KX", ["名称"] = "市科学技术协会", ["类别"] = "报告单位", ["机关工委代码"] = "GW", ["派驻纪检监察组代码"] = "JJ1" },
            new() { ["代码"] = "ST", ["名称"] = "市生态环境局", ["类别"] = "报告单位", ["机关工委代码"] = "GW", ["派驻纪检监察组代码"] = "JJ1" },
        ]);
        Fill(book.Worksheet("人员"), People.Select(p => new Dictionary<string, string>
        {
            ["用户名"] = p.UserName, ["姓名"] = p.DisplayName, ["单位代码"] = p.UnitCode, ["角色"] = p.Role,
            ["电子邮箱"] = $"{p.UserName}@example.gov.cn",
        }).ToList());
        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }

    private static void Fill(IXLWorksheet sheet, List<Dictionary<string, string>> rows)
    {
        var columns = sheet.Row(1).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
        for (var r = 0; r < rows.Count; r++)
            foreach (var (header, value) in rows[r])
                sheet.Cell(r + 2, columns[header]).SetValue(value);
    }

    private static IEnumerable<string> DataColumn(IXLWorksheet sheet, string header)
    {
        var column = sheet.Row(1).CellsUsed().Single(c => c.GetString() == header).Address.ColumnNumber;
        return sheet.RowsUsed().Skip(1).Select(r => r.Cell(column).GetString()).Where(v => v.Length > 0).ToList();
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string fileName)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { content, "file", fileName } };
    }

    private const string ReportBody =
        "一、履行主体责任情况\n党组全年召开专题会议12次，研究部署全面从严治党工作。\n（一）强化理论武装\n1.坚持第一议题制度。\n" +
        "二、存在的问题\n一是学习不够深入。\n三、下一步打算\n一是深化理论学习。";

    // ---- the API shapes this test reads ----

    private sealed record ImportResult(int UnitsCreated, int UnitsUpdated, int UsersCreated, int UsersUpdated);

    private sealed record Account(string Id, string UserName, bool HasPassword);

    private sealed record OneTimePassword([property: System.Text.Json.Serialization.JsonPropertyName("oneTimePassword")] string Value);

    private sealed record Token(string AccessToken);

    private sealed record Finding(string Code, string Severity, string Message);

    private sealed record AuditEntry(string Kind, string? Account, string? Subject, bool Succeeded);

    // ---- sign-in ----

    /// <summary>The first sign-in with a one-time password: refused until changed, then a bearer token.</summary>
    private async Task<HttpClient> FirstSignInAsync(Uri baseAddress, string userName, string oneTimePassword, bool expectChangeRequired = true)
    {
        var anonymous = Client(baseAddress);
        if (expectChangeRequired)
            await (await anonymous.PostJsonAsync("/api/auth/login", new { userName, password = oneTimePassword }))
                .AssertProblemAsync(HttpStatusCode.Forbidden, "password-change-required");
        var newPassword = $"Neu-{Guid.NewGuid():N}"[..20]; // upper, lower, symbol: three classes; never the user name
        await anonymous.PostJsonAsync("/api/auth/password", new { userName, currentPassword = oneTimePassword, newPassword })
            .ExpectAsync(HttpStatusCode.NoContent);
        var token = await anonymous.PostJsonAsync("/api/auth/login", new { userName, password = newPassword })
            .ExpectAsync<Token>(HttpStatusCode.OK);
        var client = Client(baseAddress);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    private HttpClient Client(Uri baseAddress)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        clients.Add(client);
        return client;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";

    // ---- the published app ----

    [GeneratedRegex(@"一次性密码：\s*(\S+)")]
    private static partial Regex OneTimePasswordLine();

    private async Task<string> CreateAdministratorAsync(string userName, string role)
    {
        var result = await AppCommandAsync("admin", "create", userName, "--role", role);
        Assert.True(result.ExitCode == 0, $"admin create {userName} --role {role} failed ({result.ExitCode}):\n{result.Output}");
        var matches = OneTimePasswordLine().Matches(result.Output);
        Assert.True(matches.Count == 1, $"expected one one-time password line:\n{result.Output}");
        var password = matches[0].Groups[1].Value;
        Assert.True(password.Length >= 12, $"one-time password too short: {result.Output}");
        return password;
    }

    /// <summary>An operator command on the published binary, from its folder and with the server's environment.</summary>
    private Task<(int ExitCode, string Output)> AppCommandAsync(params string[] args) =>
        RunAsync(AppFolder, ["Workflow.Web.dll", .. args], CommandTimeout, production: true);

    private async Task<Uri> StartAsync()
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        server = Process.Start(StartInfo(AppFolder, ["Workflow.Web.dll", "--urls", baseAddress.ToString().TrimEnd('/')], production: true))!;
        server.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (serverOutput) serverOutput.AppendLine(e.Data); };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (serverOutput) serverOutput.AppendLine(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadinessTimeout)
        {
            if (server.HasExited)
                Assert.Fail($"the app stopped with exit code {server.ExitCode}:\n{ServerOutput()}");
            try
            {
                var ready = await probe.GetAsync("/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    log.WriteLine($"ready after {deadline.Elapsed.TotalSeconds:F1} s");
                    return baseAddress;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        Assert.Fail($"/health/ready did not answer 200 within {ReadinessTimeout.TotalSeconds} s:\n{ServerOutput()}");
        return baseAddress;
    }

    private string ServerOutput()
    {
        lock (serverOutput) return serverOutput.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args, bool production)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // A clean environment as on a server: nothing of the test host's MSBuild, ASP.NET Core or app settings leaks in.
        foreach (var key in info.Environment.Keys.ToList())
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase) && key != "DOTNET_ROOT" && !key.StartsWith("DOTNET_CLI", StringComparison.OrdinalIgnoreCase)
                || key.Contains("__", StringComparison.Ordinal) || key is "VSTEST_HOST_DEBUG" or "TESTINGPLATFORM_DEBUG")
                info.Environment.Remove(key);
        // The publish leaves no MSBuild worker nodes or build server behind on the CI machine.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        if (production)
        {
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            info.Environment["App__DataDirectory"] = DataFolder;
        }
        return info;
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, string[] args, TimeSpan timeout, bool production)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args, production))!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} did not finish within {timeout}:\n{output}");
        }
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ApprovalFlow.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"ApprovalFlow.sln not found above {AppContext.BaseDirectory}");
    }

    public void Dispose()
    {
        foreach (var client in clients) client.Dispose();
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit(10_000);
        }
        if (server is not null)
        {
            var output = ServerOutput();
            log.WriteLine(output.Length > 8000 ? output[^8000..] : output);
        }
        server?.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
