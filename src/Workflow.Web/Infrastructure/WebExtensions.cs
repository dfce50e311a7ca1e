using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using Workflow.Host;
using Scalar.AspNetCore;
using Workflow.Activities;
using Workflow.Web.Api;

namespace Workflow.Web;

/// <summary>Composition of the web layer: authentication, pages, API, problem details.</summary>
public static class WebExtensions
{
    public const string ApiPolicy = "Api";
    public const string AdminPolicy = "Admin";
    public const string SecurityAdminPolicy = "SecurityAdmin";
    public const string AuditorPolicy = "Auditor";

    /// <summary>The reporting business (reports, inbox, ledger): everybody signed in but the 安全保密管理员 and the 安全审计员 (三员分立).</summary>
    public const string BusinessPolicy = "Business";

    /// <summary>Request timeout policy of the endpoints that upload or download files: a slow line needs longer than the default.</summary>
    public const string TransferTimeoutPolicy = "Transfer";

    public static WebApplicationBuilder AddApprovalFlowWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddApprovalFlowTelemetry();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddSingleton<IAppLinks, PageLinks>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "ApprovalFlow.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        AccountSessions.Add(services);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser())
            .AddPolicy(AdminPolicy, p => p.RequireRole(RoleNames.Admin))
            .AddPolicy(SecurityAdminPolicy, p => p.RequireRole(RoleNames.SecurityAdmin))
            .AddPolicy(AuditorPolicy, p => p.RequireRole(RoleNames.Auditor))
            .AddPolicy(BusinessPolicy, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => !c.User.IsInRole(RoleNames.SecurityAdmin) && !c.User.IsInRole(RoleNames.Auditor)));

        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Account/Login");
            o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            o.Conventions.AllowAnonymousToPage("/NotFound");
            o.Conventions.AllowAnonymousToPage("/Error");
            o.Conventions.AuthorizeFolder("/Admin", AdminPolicy);
            o.Conventions.AuthorizeFolder("/Security", SecurityAdminPolicy);
            o.Conventions.AuthorizeFolder("/Audit", AuditorPolicy);
            o.Conventions.AuthorizeFolder("/Reports", BusinessPolicy);
            o.Conventions.AuthorizeFolder("/Rectifications", BusinessPolicy);
            o.Conventions.AuthorizePage("/Inbox", BusinessPolicy);
            o.Conventions.AuthorizeFolder("/Statistics", BusinessPolicy);
            o.Conventions.AuthorizeFolder("/Cycles", BusinessPolicy);
        });
        // Chinese text appears as characters in the HTML, not as &#x...; entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        });

        // A request that runs too long has RequestAborted cancelled: the diff, the checks and the queries take that
        // token and stop, and the caller gets 504 (see UseStatusCodePages below). Not while a debugger is attached.
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<LimitsOptions>>((o, limits) =>
        {
            o.DefaultPolicy = new RequestTimeoutPolicy { Timeout = limits.Value.RequestTimeout };
            o.AddPolicy(TransferTimeoutPolicy, limits.Value.TransferRequestTimeout);
        });
        services.AddRequestTimeouts();

        services.AddLoginProtection();
        services.AddReverseProxySupport();

        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddApprovalFlowOpenApi();
        return builder;
    }

    public static WebApplication UseApprovalFlowWeb(this WebApplication app)
    {
        app.UseReverseProxySupport();
        app.UseSecurityHeaders();
        app.UseApprovalFlowTelemetry();
        app.UsePermissionDeniedAudit();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            AllowStatusCode404Response = true,
        });
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Request.Path.StartsWithSegments("/api"))
                await TypedResults.Problem(Problems.ForStatus(http.Response.StatusCode)).ExecuteAsync(http);
            else if (http.Response.StatusCode == 404)
            {
                NotFoundSubject.Remember(http);
                http.Response.Redirect("/NotFound");
            }
            else if (http.Response.StatusCode == StatusCodes.Status504GatewayTimeout)
                await TypedResults.Content(TimedOutPage, "text/html; charset=utf-8", statusCode: StatusCodes.Status504GatewayTimeout).ExecuteAsync(http);
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRequestBodyLimits();
        app.UseRequestTimeouts();
        app.UseAuthentication();
        AccountSessions.Use(app);
        app.UseAuthorization();
        app.UseJsonCharsetCheck();

        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdminDashboardAuthorization()],
            DashboardTitle = "后台任务",
            AppPath = "/",
        });
        // Anonymous probes for a reverse proxy: live = the process answers, ready = database and job storage answer too.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Workflow.Host.Health.HealthChecks.Ready) })
            .AllowAnonymous();
        app.MapOpenApi();
        app.MapScalarApiReference();
        // Every /api request may run into the request timeout (504); every signed-in one may lack a token (401) or the role (403).
        var api = app.MapGroup("/api").Refuses(StatusCodes.Status504GatewayTimeout);
        api.MapAuthApi();
        var secured = api.MapGroup("").RequireAuthorization(ApiPolicy).AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (Workflow.Activities.Reports.WorkflowRuleException e)
            {
                return Problems.From(e);
            }
        }).Refuses(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        var business = secured.MapGroup("").RequireAuthorization(BusinessPolicy);
        business.MapReportsApi();
        business.MapReportDocumentsApi();
        business.MapInboxApi();
        business.MapRectificationsApi();
        business.MapStatisticsApi();
        business.MapCyclesApi();
        business.MapMessagesApi();
        business.MapDelegationApi();
        business.MapPhrasesApi();
        business.MapReportUrgesApi();
        secured.MapAdminApi();
        secured.MapOrganisationApi();
        secured.MapRoutesApi();
        secured.MapRolesApi();
        secured.MapAuditApi();
        secured.MapSecurityAccountsApi();
        business.MapArchiveApi(secured);
        app.MapRazorPages();
        return app;
    }

    private const string TimedOutPage = """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>处理超时</title></head>
        <body><h1>处理超时</h1><p>页面处理时间过长，已停止。请稍后重试；问题持续时请联系系统管理员。</p><p><a href="/">返回首页</a></p></body></html>
        """;
}
