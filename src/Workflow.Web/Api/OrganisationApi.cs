using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Activities.Reports;
using Workflow.Host.Admin;

namespace Workflow.Web.Api;

/// <summary>/api/admin/organisation: the organisation (units and users) as one .xlsx — template, export, all-or-nothing import.</summary>
public static class OrganisationApi
{
    /// <summary>How many units and users an import created and changed (rows that changed nothing are not counted).</summary>
    public sealed record OrganisationImportDto(int UnitsCreated, int UnitsUpdated, int UsersCreated, int UsersUpdated);

    /// <summary>The download name of the template.</summary>
    public const string TemplateFileName = "组织机构导入模板.xlsx";

    public static RouteGroupBuilder MapOrganisationApi(this RouteGroupBuilder api)
    {
        // The role is checked by the policy, before the endpoint binds (and so reads) an upload.
        var group = api.MapGroup("/admin/organisation").WithTags("Admin").RequireAuthorization(WebExtensions.AdminPolicy);
        group.MapGet("/template", (OrganisationService service) =>
            TypedResults.File(service.Template(), RectificationsApi.XlsxContentType, TemplateFileName))
            .Describe("GetOrganisationTemplate", "下载组织机构导入模板").ProducesFile(RectificationsApi.XlsxContentType);
        group.MapGet("/export", async (OrganisationService service, TimeProvider clock, CancellationToken ct) =>
                TypedResults.File(await service.ExportAsync(ct), RectificationsApi.XlsxContentType, ExportFileName(clock)))
            .WithRequestTimeout(WebExtensions.TransferTimeoutPolicy)
            .Describe("ExportOrganisation", "导出组织机构（单位和人员）").ProducesFile(RectificationsApi.XlsxContentType);
        group.MapPost("/import", ImportAsync).DisableAntiforgery().WithRequestTimeout(WebExtensions.TransferTimeoutPolicy)
            .WithMetadata(new AcceptsUploadAttribute(UploadKind.Spreadsheet))
            .Describe("ImportOrganisation", "导入组织机构", "全部导入或全部不导入；有不符合要求的行时 400 import-rejected，逐行列出。");
        return api;
    }

    /// <summary>组织机构-20261125.xlsx, dated in China time.</summary>
    public static string ExportFileName(TimeProvider clock) => $"组织机构-{Workflow.Activities.Calendar.ChinaTime.Today(clock):yyyyMMdd}.xlsx";

    private static async Task<Results<Ok<OrganisationImportDto>, ProblemHttpResult>> ImportAsync(IFormFile? file, CurrentUser me,
        OrganisationService service, CancellationToken ct)
    {
        if (file is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "file-required", "请选择要导入的 .xlsx 文件（表单字段 file）。", "file");
        service.SpreadsheetLimits.EnsureFileSize(file.Length);
        var user = await me.GetAsync(ct);
        await using var stream = file.OpenReadStream();
        var result = await service.ImportAsync(user.User.UserName ?? "", stream, ct);
        if (result.Succeeded)
            return TypedResults.Ok(new OrganisationImportDto(result.UnitsCreated, result.UnitsUpdated, result.UsersCreated, result.UsersUpdated));
        var problem = Problems.Create(StatusCodes.Status400BadRequest, "import-rejected",
            $"有{result.Errors.Count}处不符合要求，未导入任何单位和人员。", string.Join("\n", result.Errors.Select(e => e.Message)), "file");
        problem.Extensions["errors"] = result.Errors
            .Select(e => new { sheet = e.Sheet, row = e.Row, column = e.Column, message = e.Message }).ToList();
        return TypedResults.Problem(problem);
    }
}
