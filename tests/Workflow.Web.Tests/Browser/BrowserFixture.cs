using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// The browser tests run in two lines (this and <see cref="SecondBrowserCollection"/>), one class at a time in each: a class
/// starts an app and a Chromium, and most of its time is spent waiting on the browser, so two lines keep two cores busy
/// where one line was the longest chain of the run.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}

/// <summary>The second line of browser test classes (see <see cref="BrowserCollection"/>).</summary>
[CollectionDefinition(Name)]
public sealed class SecondBrowserCollection
{
    public const string Name = "Browser, second line";
}

/// <summary>
/// The real app on a free Kestrel port and one headless Chromium, shared by the tests of a class.
/// Each user gets a browser context of his own, so cookies never leak between users.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; Playwright's own browser download is not reachable from here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    // Root in CI has no user namespace sandbox and no display; the rest keeps Chromium off the network.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The journeys move the clock by the better part of an hour between people: sessions stay that long idle here
    /// (the 30-minute default is SessionLifetimeTests').</summary>
    public AppFactory App { get; } = new() { Settings = { ["Session:IdleTimeout"] = "04:00:00" } };

    public string BaseUrl { get; private set; } = "";

    /// <summary>Where the browser tests leave their PNGs, one sub-folder per test class.</summary>
    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private readonly HashSet<string> _emptied = [];

    /// <summary>The sub-folder <paramref name="name"/> of <see cref="ScreenshotDirectory"/>, emptied the first time a fixture asks for it.</summary>
    public string ScreenshotFolder(string name)
    {
        var folder = Path.Combine(ScreenshotDirectory, name);
        if (_emptied.Add(name) && Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: apt-get install chromium fonts-wqy-microhei.");
        App.UseKestrel(0);
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseUrl = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)).TrimEnd('/');

        // Two cores shared with parallel builds: Playwright's 5 s default is too tight for a cold page.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A page in a fresh browser context: its own cookies, Chinese locale, China time.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>A page in a fresh browser context, signed in as <paramref name="userName"/> and on his inbox.</summary>
    public async Task<IPage> SignInAsync(string userName, int width = 1280, int height = 900)
    {
        var page = await NewPageAsync(width, height);
        await page.GotoAsync("/Account/Login");
        await SignInAsync(page, userName);
        return page;
    }

    /// <summary>Fills the login form the page shows and lands on the inbox.</summary>
    public async Task SignInAsync(IPage page, string userName)
    {
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(AppFactory.Password);
        await page.Locator("#login-submit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(BaseUrl + "/Inbox");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
