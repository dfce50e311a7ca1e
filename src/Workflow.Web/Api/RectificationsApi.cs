using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Host.Identity;
using Workflow.Host.Rectification;

namespace Workflow.Web.Api;

/// <summary>/api/rectifications: the rectification ledger (整改台账), its lifecycle, evidence, import and export.</summary>
public static class RectificationsApi
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Response header of GET /api/rectifications: how many items match the filters, on every page.</summary>
    public const string TotalCountHeader = "X-Total-Count";

    /// <summary>Body of POST and PUT: the item's fields (deadline as yyyy-MM-dd).</summary>
    public sealed record ItemRequest(Guid? UnitId, Guid? ReportId, string? Source, string? Category, string? Problem, string? Measures,
        string? ResponsibleLeader, string? ResponsibleDepartment, string? OwnerUserName, string? Deadline, string? Progress);

    /// <summary>Body of a transition: comment or reason, new deadline (extension), review date (long-term).</summary>
    public sealed record TransitionRequest(string? Comment, string? Deadline, string? NextReviewOn);

    /// <summary>One evidence file and where to download it.</summary>
    public sealed record EvidenceDto(Guid Id, string FileName, string ContentType, long Size, string Sha256, string UploadedBy,
        DateTimeOffset UploadedAt, string Url);

    /// <summary>An item as the API shows it; the JSON names of the issue are kept.</summary>
    public sealed record ItemDto(Guid Id, string Code, Guid UnitId, string UnitName, RectificationSource Source, string SourceName,
        string Category, string Problem, string Measures, string ResponsibleLeader, string ResponsibleDepartment, string? OwnerUserName,
        string? OwnerName, DateOnly? Deadline, DateOnly? OriginalDeadline, RectificationStatus Status, string StatusName, int ReworkCount,
        TrafficLight Light, bool Overdue, DateOnly? ExtensionRequestedTo, DateTimeOffset? ClosedAt, string? Progress, string? LongTermReason,
        DateOnly? NextReviewOn, Guid? ReportId, IReadOnlyList<EvidenceDto> Evidence, IReadOnlyList<string> AllowedActions,
        IReadOnlyList<JournalEntryDto>? Journal, IReadOnlyList<SimilarItemDto>? Similar = null);

    /// <summary>One row of an item's journal.</summary>
    public sealed record JournalEntryDto(int Sequence, DateTimeOffset At, string Actor, RectificationAction Action,
        RectificationStatus FromStatus, RectificationStatus ToStatus, string? Comment);

    /// <summary>
    /// A problem proposed from a report, with the measure of the same number when the next steps pair with the problems, and the
    /// unit's earlier items it resembles (问题反弹).
    /// </summary>
    public sealed record ProposalDto(int Number, string Problem,
        [property: Description("The next-steps measure of the same number; empty unless pairing is Paired.")] string Measures,
        [property: Description("Paired: as many measures as problems, numbered alike. NoMeasures: the next steps enumerate none. " +
                               "CountMismatch / NumberingMismatch: their count or numbering differs, so no measure is guessed.")]
        MeasurePairing Pairing, IReadOnlyList<SimilarItemDto>? Similar = null);

    /// <summary>An item of an earlier year of the same unit that a problem resembles (问题反弹), with the hint the pages show.</summary>
    public sealed record SimilarItemDto(Guid Id, string Code, int Year, RectificationStatus Status, string StatusName, string Problem,
        double Score, string Hint, string Url);

    /// <summary>A problem of one unit that recurs across years: its items, oldest first.</summary>
    public sealed record RecurrenceDto(Guid UnitId, string UnitName, IReadOnlyList<int> Years, IReadOnlyList<SimilarItemDto> Items);

    /// <summary>The content types an evidence download can have (those the upload recognises).</summary>
    private static readonly string[] EvidenceContentTypes =
    [
        "application/pdf", "image/jpeg", "image/png", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", XlsxContentType,
    ];

    /// <summary>How many items an import created.</summary>
    public sealed record ImportResultDto(int Imported);

    public static RouteGroupBuilder MapRectificationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/rectifications").WithTags("Rectifications");
        group.MapGet("/", ListAsync).AddOpenApiOperationTransformer(DescribePaging)
            .Describe("ListRectifications", "查询整改台账", "按条件筛选、排序；给出 page 或 pageSize 时分页，X-Total-Count 为符合条件的总数。")
            .Refuses(StatusCodes.Status400BadRequest);
        group.MapPost("/", CreateAsync).Describe("CreateRectification", "新增整改事项")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/export", ExportAsync).WithRequestTimeout(WebExtensions.TransferTimeoutPolicy)
            .Describe("ExportRectifications", "导出整改台账（符合条件的全部事项）").ProducesFile(XlsxContentType).Refuses(StatusCodes.Status400BadRequest);
        group.MapPost("/import", ImportAsync).DisableAntiforgery().WithRequestTimeout(WebExtensions.TransferTimeoutPolicy)
            .WithMetadata(new AcceptsUploadAttribute(UploadKind.Spreadsheet))
            .Describe("ImportRectifications", "从 .xlsx 导入整改事项", "全部导入或全部不导入；有不符合要求的行时 400 import-rejected，逐行列出。")
            .Refuses(StatusCodes.Status404NotFound);
        group.MapGet("/similar", SimilarAsync)
            .Describe("FindSimilarRectifications", "查找与问题描述相似的往年整改事项（问题反弹）",
                "与同一单位往年（早于 year，缺省为今年）的整改事项比较，按相似度列出最多 3 项；他单位为 404。")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapGet("/recurrences", RecurrencesAsync)
            .Describe("ListRecurringProblems", "问题反弹：各单位跨年度重复出现的问题",
                "工委看全部单位，纪检监察组看所联系单位；给出 year 时只列含该年度事项的问题（向前看 5 年）。")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}", GetAsync).Describe("GetRectification", "读取整改事项（含佐证材料和流转记录）").Refuses(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}", UpdateAsync).Describe("UpdateRectification", "修改整改事项")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        MapTransition(group, RectificationCommand.Start, (c, user, id, t, ct) => c.StartAsync(user, id, ct));
        MapTransition(group, RectificationCommand.RequestClosure, (c, user, id, t, ct) => c.RequestClosureAsync(user, id, t.Comment, ct));
        MapTransition(group, RectificationCommand.ApproveClosure, (c, user, id, t, ct) => c.ApproveClosureAsync(user, id, t.Comment, ct));
        MapTransition(group, RectificationCommand.RejectClosure, (c, user, id, t, ct) => c.RejectClosureAsync(user, id, t.Comment, ct));
        MapTransition(group, RectificationCommand.MarkLongTerm,
            (c, user, id, t, ct) => c.MarkLongTermAsync(user, id, t.Comment, t.NextReviewOn, ct));
        MapTransition(group, RectificationCommand.Reopen, (c, user, id, t, ct) => c.ReopenAsync(user, id, t.Comment, ct));
        MapTransition(group, RectificationCommand.RequestExtension,
            (c, user, id, t, ct) => c.RequestExtensionAsync(user, id, t.Deadline, t.Comment, ct));
        MapTransition(group, RectificationCommand.ApproveExtension, (c, user, id, t, ct) => c.ApproveExtensionAsync(user, id, t.Comment, ct));
        MapTransition(group, RectificationCommand.RejectExtension, (c, user, id, t, ct) => c.RejectExtensionAsync(user, id, t.Comment, ct));
        // Bearer-token API: no cookie, so no cross-site request to forge.
        group.MapPost("/{id:guid}/evidence", UploadAsync).DisableAntiforgery().WithRequestTimeout(WebExtensions.TransferTimeoutPolicy)
            .WithMetadata(new AcceptsUploadAttribute(UploadKind.Evidence))
            .Describe("UploadEvidence", "上传佐证材料", "PDF、JPEG、PNG、Word 或 Excel 文件，按内容识别类型。")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/evidence/{fileId:guid}", DownloadAsync).WithRequestTimeout(WebExtensions.TransferTimeoutPolicy)
            .Describe("DownloadEvidence", "下载佐证材料").ProducesFile(EvidenceContentTypes).Refuses(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}/evidence/{fileId:guid}", async (Guid id, Guid fileId, CurrentUser me, RectificationEvidence evidence, CancellationToken ct) =>
        {
            await evidence.RemoveEvidenceAsync(await me.GetAsync(ct), id, fileId, ct);
            return TypedResults.NoContent();
        }).Describe("RemoveEvidence", "删除佐证材料").Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        api.MapPost("/reports/{id:guid}/problems", ProposeAsync).WithTags("Rectifications")
            .Describe("ProposeRectifications", "从报告提出整改事项建议",
                "每个逐条列出的问题一项：“存在的问题”一节下，或“……还存在差距。一是……二是……”的自查段落中；与“下一步”同序号、同数量的措施配对。").Refuses(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Ok<List<ItemDto>>> ListAsync(string? unit, string? status, bool? overdue, string? source, string? owner,
        bool? longTerm, bool? awaitingMe, string? sort, bool? desc,
        [Description("Page number, from 1 (default 1). Given page or pageSize, the list is cut into pages after sorting; " +
                     "a page past the end is an empty list. Without both, every matching item is returned.")] string? page,
        [Description("Items per page, 1 to 200 (default 50).")] string? pageSize,
        HttpResponse response, CurrentUser me, RectificationLedger service, CancellationToken ct)
    {
        var paging = ParsePaging(page, pageSize);
        var user = await me.GetAsync(ct);
        var filter = await FilterAsync(user, service, unit, status, overdue, source, owner, longTerm, sort, desc, ct) with
        {
            AwaitingMe = awaitingMe ?? false,
        };
        IReadOnlyList<LedgerRow> rows;
        int total;
        if (paging is { } p)
        {
            var cut = await service.LedgerPageAsync(user, filter, p.Page, p.PageSize, ct);
            (rows, total) = (cut.Rows, cut.Total);
        }
        else
        {
            rows = await service.LedgerAsync(user, filter, ct);
            total = rows.Count;
        }
        response.Headers[TotalCountHeader] = total.ToString(CultureInfo.InvariantCulture);
        var evidence = await service.EvidenceOfAsync(rows.Select(r => r.Id).ToList(), ct);
        return TypedResults.Ok(rows.Select(r => ToDto(r, evidence[r.Id].Select(e => ToDto(r.Id, e)).ToList(), null)).ToList());
    }

    /// <summary>Page and size from the query string; null when neither is given (the whole ledger, as before paging existed).</summary>
    internal static (int Page, int PageSize)? ParsePaging(string? page, string? pageSize)
    {
        if (string.IsNullOrWhiteSpace(page) && string.IsNullOrWhiteSpace(pageSize)) return null;
        var number = 1;
        if (!string.IsNullOrWhiteSpace(page) && !(int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= 1))
            throw new WorkflowRuleException(RuleViolation.Invalid, "page-invalid", "页码应为从 1 开始的整数。", "page");
        var size = LedgerPage.DefaultPageSize;
        if (!string.IsNullOrWhiteSpace(pageSize)
            && !(int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size is >= 1 and <= LedgerPage.MaxPageSize))
            throw new WorkflowRuleException(RuleViolation.Invalid, "page-size-invalid",
                $"每页条数应为 1 到 {LedgerPage.MaxPageSize} 之间的整数。", "pageSize");
        return (number, size);
    }

    /// <summary>page and pageSize are read as text so a bad value gets our own problem type; the document shows them as integers.</summary>
    internal static Task DescribePaging(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name == "page")
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" };
            else if (parameter.Name == "pageSize")
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1",
                    Maximum = LedgerPage.MaxPageSize.ToString(CultureInfo.InvariantCulture),
                };
        }
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[TotalCountHeader] = new OpenApiHeader
            {
                Description = "How many items match the filters, whichever page is returned.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            };
        }
        return Task.CompletedTask;
    }

    private static async Task<FileContentHttpResult> ExportAsync(string? unit, string? status, bool? overdue, string? source, string? owner,
        bool? longTerm, string? sort, bool? desc, CurrentUser me, RectificationLedger service, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        var filter = await FilterAsync(user, service, unit, status, overdue, source, owner, longTerm, sort, desc, ct);
        var bytes = await service.ExportAsync(user, filter, ct);
        return TypedResults.File(bytes, XlsxContentType, $"整改台账-{service.Today:yyyyMMdd}.xlsx");
    }

    private static async Task<Created<ItemDto>> CreateAsync(ItemRequest request, CurrentUser me, RectificationIntake intake,
        RectificationLedger ledger, RecurringProblems recurring, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        var input = Input(request);
        var item = request.ReportId is { } reportId
            ? (await intake.CreateFromReportAsync(user, reportId, [input], ct))[0]
            : await intake.CreateAsync(user, request.UnitId, ParseSource(request.Source) ?? RectificationSource.Other, input, ct);
        return TypedResults.Created($"/api/rectifications/{item.Id}", await DetailAsync(user, item.Id, ledger, recurring, ct));
    }

    private static async Task<Ok<ItemDto>> GetAsync(Guid id, CurrentUser me, RectificationLedger ledger, RecurringProblems recurring,
        CancellationToken ct) =>
        TypedResults.Ok(await DetailAsync(await me.GetAsync(ct), id, ledger, recurring, ct));

    private static async Task<Ok<ItemDto>> UpdateAsync(Guid id, ItemRequest request, CurrentUser me, RectificationCommands commands,
        RectificationLedger ledger, RecurringProblems recurring, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        await commands.UpdateAsync(user, id, Input(request), request.Progress, ct);
        return TypedResults.Ok(await DetailAsync(user, id, ledger, recurring, ct));
    }

    /// <summary>The parts of a transition's body, dates parsed (a malformed date is refused whichever the transition).</summary>
    private sealed record Transition(string? Comment, DateOnly? Deadline, DateOnly? NextReviewOn);

    /// <summary>POST /{id}/{command}: runs the command's intent method and answers the item as it now is.</summary>
    private static RouteHandlerBuilder MapTransition(RouteGroupBuilder group, RectificationCommand command,
        Func<RectificationCommands, UserContext, Guid, Transition, CancellationToken, Task> run) =>
        group.MapPost($"/{{id:guid}}/{command.ApiName()}", async Task<Ok<ItemDto>> (Guid id, [FromBody] TransitionRequest? request,
            CurrentUser me, RectificationCommands commands, RectificationLedger ledger, RecurringProblems recurring, CancellationToken ct) =>
        {
            var user = await me.GetAsync(ct);
            await run(commands, user, id, new Transition(request?.Comment, ParseDate(request?.Deadline, "deadline"),
                ParseDate(request?.NextReviewOn, "nextReviewOn")), ct);
            return TypedResults.Ok(await DetailAsync(user, id, ledger, recurring, ct));
        }).Describe($"{command}Rectification", command.Label()).Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    private static async Task<Created<EvidenceDto>> UploadAsync(Guid id, IFormFile? file, CurrentUser me, RectificationEvidence service, CancellationToken ct)
    {
        if (file is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "file-required", "请选择要上传的文件（表单字段 file）。", "file");
        var user = await me.GetAsync(ct);
        await using var stream = file.OpenReadStream();
        var saved = await service.AddEvidenceAsync(user, id, file.FileName, stream, ct);
        var dto = ToDto(id, saved);
        return TypedResults.Created(dto.Url, dto);
    }

    private static async Task<FileStreamHttpResult> DownloadAsync(Guid id, Guid fileId, CurrentUser me, RectificationEvidence service,
        Workflow.Host.Security.ISecurityAudit audit, CancellationToken ct)
    {
        var (file, content) = await service.OpenEvidenceAsync(await me.GetAsync(ct), id, fileId, ct);
        await audit.RecordAsync(Workflow.Host.Security.SecurityEvent.EvidenceDownloaded(id, file.Id, file.FileName), ct);
        return TypedResults.File(content, file.ContentType, file.FileName);
    }

    private static async Task<Ok<List<ProposalDto>>> ProposeAsync(Guid id, CurrentUser me, RectificationIntake service,
        RecurringProblems recurring, Workflow.Host.Reports.ReportService reports, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        var found = await service.ReadProblemsAsync(user, id, ct);
        var report = await reports.GetAsync(user, id, ct);
        var similar = await recurring.SimilarAsync(user, report.UnitId, report.Year, found.Proposals.Select(p => (string?)p.Problem).ToList(), ct);
        return TypedResults.Ok(found.Proposals.Select((p, k) => new ProposalDto(p.Number, p.Problem, p.Measures, found.Pairing, ToDtos(similar[k]))).ToList());
    }

    private static async Task<Ok<List<SimilarItemDto>>> SimilarAsync(
        [Description("The unit (id or code) whose earlier items are compared.")] string? unitId,
        [Description("The problem as written (at most 2,000 characters).")] string? text,
        [Description("Compare with the years before this one (default: this year).")] int? year,
        CurrentUser me, RecurringProblems recurring, RectificationLedger ledger, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        if (string.IsNullOrWhiteSpace(unitId))
            throw new WorkflowRuleException(RuleViolation.Invalid, "unit-required", "请填写单位（unitId）。", "unitId");
        if (string.IsNullOrWhiteSpace(text))
            throw new WorkflowRuleException(RuleViolation.Invalid, "text-required", "请填写问题描述（text）。", "text");
        if (text.Length > RectificationItem.MaxProblemLength)
            throw new WorkflowRuleException(RuleViolation.Invalid, "text-too-long", $"问题描述不能超过{RectificationItem.MaxProblemLength}个字符。", "text");
        if (year is { } y && !Activities.SupportedYears.Contains(y))
            throw new WorkflowRuleException(RuleViolation.Invalid, "year-invalid",
                $"年度应在{Activities.SupportedYears.Min}至{Activities.SupportedYears.Max}之间。", "year");
        var unit = await ledger.FindUnitAsync(user, unitId, ct)
                   ?? throw new WorkflowRuleException(RuleViolation.NotFound, "unit-not-found", "单位不存在或您无权查看。", "unitId");
        var found = await recurring.SimilarAsync(user, unit, year ?? ledger.Today.Year, [text], ct);
        return TypedResults.Ok(ToDtos(found[0]));
    }

    private static async Task<Ok<List<RecurrenceDto>>> RecurrencesAsync(
        [Description("Only problems with an item of this year.")] int? year,
        [Description("One unit (id or code).")] string? unit,
        CurrentUser me, RecurringProblems recurring, RectificationLedger ledger, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        RecurringProblems.EnsureMayReadRecurrences(user);
        Guid? unitId = null;
        if (!string.IsNullOrWhiteSpace(unit))
            unitId = await ledger.FindUnitAsync(user, unit, ct)
                     ?? throw new WorkflowRuleException(RuleViolation.NotFound, "unit-not-found", "单位不存在或您无权查看。", "unit");
        if (year is { } y && !Activities.SupportedYears.Contains(y))
            throw new WorkflowRuleException(RuleViolation.Invalid, "year-invalid",
                $"年度应在{Activities.SupportedYears.Min}至{Activities.SupportedYears.Max}之间。", "year");
        var groups = await recurring.GroupsAsync(user, year, unitId, ct);
        return TypedResults.Ok(groups.Select(g => new RecurrenceDto(g.UnitId, g.UnitName, g.Years, ToDtos(g.Items))).ToList());
    }

    private static List<SimilarItemDto> ToDtos(IEnumerable<SimilarItem> items) =>
        items.Select(i => new SimilarItemDto(i.Id, i.Code, i.Year, i.Status, i.Status.Label(), i.Problem, i.Score, i.Hint,
            $"/api/rectifications/{i.Id}")).ToList();

    private static async Task<Results<Ok<ImportResultDto>, ProblemHttpResult>> ImportAsync(IFormFile? file, [FromQuery] Guid? unitId,
        [FromQuery] string? source, CurrentUser me, RectificationIntake service, CancellationToken ct)
    {
        if (file is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "file-required", "请选择要导入的 .xlsx 文件（表单字段 file）。", "file");
        // The declared length is refused before anything opens the file; the service then settles who may import before reading it.
        service.SpreadsheetLimits.EnsureFileSize(file.Length);
        var user = await me.GetAsync(ct);
        await using var stream = file.OpenReadStream();
        var result = await service.ImportAsync(user, unitId, ParseSource(source) ?? RectificationSource.Other, stream, ct);
        if (result.Succeeded) return TypedResults.Ok(new ImportResultDto(result.Imported));
        var problem = Problems.Create(StatusCodes.Status400BadRequest, "import-rejected",
            $"有{result.Errors.Count}行不符合要求，未导入任何事项。", string.Join("\n", result.Errors.Select(e => e.Message)), "file");
        problem.Extensions["errors"] = result.Errors.Select(e => new { row = e.Row, message = e.Message }).ToList();
        return TypedResults.Problem(problem);
    }

    private static async Task<ItemDto> DetailAsync(UserContext user, Guid id, RectificationLedger service, RecurringProblems recurring,
        CancellationToken ct)
    {
        var item = await service.GetAsync(user, id, ct);
        var row = await service.RowAsync(item, user, ct);
        var similar = await recurring.SimilarToAsync(user, item, ct);
        return ToDto(row, item.Evidence.Select(e => ToDto(item.Id, e)).ToList(),
            item.Journal.OrderBy(j => j.Sequence).Select(j => new JournalEntryDto(j.Sequence, j.At, j.ActorName, j.Action, j.FromStatus,
                j.ToStatus, j.Comment)).ToList()) with { Similar = ToDtos(similar) };
    }

    private static ItemDto ToDto(LedgerRow r, IReadOnlyList<EvidenceDto> evidence, IReadOnlyList<JournalEntryDto>? journal) =>
        new(r.Id, r.Code, r.UnitId, r.UnitName, r.Source, r.Source.Label(), r.Category, r.Problem, r.Measures, r.ResponsibleLeader,
            r.ResponsibleDepartment, r.OwnerUserName, r.OwnerName, r.Deadline, r.OriginalDeadline, r.Status, r.Status.Label(), r.ReworkCount,
            r.Light, r.Overdue, r.ExtensionRequestedTo, r.ClosedAt, r.Progress, r.LongTermReason, r.NextReviewOn, r.ReportId, evidence,
            r.Allowed.Select(c => c.ApiName()).ToList(), journal);

    private static EvidenceDto ToDto(Guid itemId, EvidenceFile e) =>
        new(e.Id, e.FileName, e.ContentType, e.Size, e.Sha256, e.UploadedByName, e.UploadedAt, $"/api/rectifications/{itemId}/evidence/{e.Id}");

    private static ItemInput Input(ItemRequest r) => new(r.Category, r.Problem, r.Measures, r.ResponsibleLeader, r.ResponsibleDepartment,
        r.OwnerUserName, ParseDate(r.Deadline, "deadline"));

    /// <summary>Ledger filters from the query string; a unit is given by id or code, status and source by name.</summary>
    public static async Task<LedgerFilter> FilterAsync(UserContext user, RectificationLedger service, string? unit, string? status, bool? overdue,
        string? source, string? owner, bool? longTerm, string? sort, bool? desc, CancellationToken ct)
    {
        Guid? unitId = null;
        if (!string.IsNullOrWhiteSpace(unit))
            unitId = await service.FindUnitAsync(user, unit, ct)
                     ?? throw new WorkflowRuleException(RuleViolation.Invalid, "unit-unknown", $"单位“{unit}”不存在或您无权查看。", "unit");
        RectificationStatus? parsedStatus = null;
        if (!string.IsNullOrWhiteSpace(status))
            parsedStatus = Enum.TryParse<RectificationStatus>(status, true, out var s) && Enum.IsDefined(s)
                ? s
                : Enum.GetValues<RectificationStatus>().Where(x => x.Label() == status).Select(x => (RectificationStatus?)x).FirstOrDefault()
                  ?? throw new WorkflowRuleException(RuleViolation.Invalid, "status-unknown",
                      "状态应为 NotStarted、InProgress、ClosureRequested、Closed 或 LongTerm。", "status");
        var parsedSource = string.IsNullOrWhiteSpace(source) ? null : ParseSource(source);
        return new LedgerFilter(unitId, parsedStatus, parsedSource, string.IsNullOrWhiteSpace(owner) ? null : await service.FindOwnerIdAsync(owner, ct),
            overdue, longTerm, sort, desc ?? false);
    }

    private static RectificationSource? ParseSource(string? source) =>
        string.IsNullOrWhiteSpace(source)
            ? null
            : RectificationLabels.ParseSource(source) ?? throw new WorkflowRuleException(RuleViolation.Invalid, "source-unknown",
                "来源应为：年度报告自查、审核意见、巡视巡察、专项检查或其他。", "source");

    public static DateOnly? ParseDate(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new WorkflowRuleException(RuleViolation.Invalid, "date-invalid", $"日期“{text}”格式不正确，请写成 2026-06-30 的形式。", field);
    }
}
