using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workflow.Web;

/// <summary>
/// The API contract (/openapi/v1.json) beyond what the endpoints declare: document info, tags, the bearer scheme on every operation
/// that needs a token, and the refusals the middleware answers before an endpoint runs (a body too large, of the wrong type).
/// Read from endpoint metadata, so it stays true when endpoints are added.
/// </summary>
public static class OpenApiContract
{
    /// <summary>Name of the bearer security scheme in the document's components.</summary>
    public const string BearerScheme = "Bearer";

    /// <summary>The API groups (tags) and what each holds; an operation's tag must be one of these.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        ["Auth"] = "登录与修改密码（无需令牌）。",
        ["Reports"] = "主体责任报告：新建、修改，并沿审核流程提交、通过、退回、撤回。",
        ["Report documents"] = "报告的提交前检查、版本对比、Word 导入导出与汇编。",
        ["Inbox"] = "我的待办（等待我处理的全部事项及其截止日期）和已办（我作出的决定）。",
        ["Rectifications"] = "整改台账：事项、状态流转、佐证材料、导入导出。",
        ["Cycles"] = "报送情况：报告周期各单位的报送与审核进度、逾期、导出与催办。",
        ["Messages"] = "我的站内消息（消息中心）与各类消息的接收方式。",
        ["Admin"] = "系统管理员：提醒检查、组织机构导入导出。",
        ["Audit"] = "安全审计员：安全审计日志的查询与导出。",
        ["Security"] = "安全保密管理员：账号的停用、启用、解锁、重置密码与角色。",
        ["Statistics"] = "统计分析：审核用时、退回、按时报送与整改情况，按年度及年度对比。",
        ["Account"] = "我的账号设置：委托代审（外出期间由同事代为审核）。",
    };

    public static IServiceCollection AddApprovalFlowOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.CreateSchemaReferenceId = type => SchemaId(type, OpenApiOptions.CreateDefaultSchemaReferenceId(type));
            o.AddDocumentTransformer(DescribeDocumentAsync);
            o.AddOperationTransformer(DescribeOperationAsync);
            o.AddSchemaTransformer(DescribeProblemAsync);
            o.AddSchemaTransformer(DescribeReportStatusAsync);
        });

    /// <summary>Operation id and Chinese summary (also the description) of an endpoint, in one call on its mapping line.</summary>
    public static TBuilder Describe<TBuilder>(this TBuilder builder, string operationId, string summary, string? description = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithName(operationId).WithSummary(summary).WithDescription(description ?? summary);

    /// <summary>The problem+json refusals an endpoint (or every endpoint of a group) can answer.</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses) builder.ProducesProblem(status);
        return builder;
    }

    /// <summary>A file download: the body is the file's bytes, in one of <paramref name="contentTypes"/>.</summary>
    public static TBuilder ProducesFile<TBuilder>(this TBuilder builder, params string[] contentTypes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Stream), contentTypes));

    /// <summary>
    /// A record declared under the same name in two API classes (ReportsApi.JournalEntryDto, RectificationsApi.JournalEntryDto) would
    /// share one schema and one of them be described wrongly; such a name is prefixed with its class ("ReportsJournalEntryDto").
    /// </summary>
    private static string? SchemaId(System.Text.Json.Serialization.Metadata.JsonTypeInfo info, string? id)
    {
        var type = info.Type;
        if (id is null || type.DeclaringType is not { } api || !SharedNames.Value.Contains(type.Name)) return id;
        return api.Name.EndsWith("Api", StringComparison.Ordinal) ? api.Name[..^3] + id : api.Name + id;
    }

    private static readonly Lazy<HashSet<string>> SharedNames = new(() => typeof(OpenApiContract).Assembly.GetTypes()
        .Where(t => t.IsNested && t.DeclaringType!.Namespace == typeof(Api.AuthApi).Namespace)
        .GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet());

    private static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "ApprovalFlow API · 主体责任报告审核系统",
            Version = "v1",
            Description = "全面从严治党主体责任情况报告的起草、审核、整改台账与管理。除登录外，每个请求都须携带 " +
                          "`Authorization: Bearer <accessToken>`（由 POST /api/auth/login 获得）。拒绝以 application/problem+json 答复，" +
                          "title 为中文说明，type 为稳定的 urn:approvalflow:problem:<code>。",
            Contact = new OpenApiContact { Name = "ApprovalFlow 系统管理员" },
        };
        // A fixed server, not the address the document was fetched from, so the document is the same wherever it is served.
        document.Servers = [new OpenApiServer { Url = "http://localhost:5080", Description = "本机运行（dotnet run）；部署后为实际地址。" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "POST /api/auth/login 返回的 accessToken。",
        };
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        return Task.CompletedTask;
    }

    private static Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
        }
        // Every body is read through the size limit and the content-type check: 413 request-too-large, 415 unsupported-media-type,
        // and 400 bad-request when it does not parse. A JSON body of an unknown charset is 415 unsupported-charset on any POST or PUT,
        // one that declares no body too (JsonCharset).
        NameFormFields(operation, context);
        if (operation.RequestBody is not null)
            foreach (var status in new[] { StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType })
                AddProblem(operation, status, context);
        else if (context.Description.HttpMethod is "POST" or "PUT")
            AddProblem(operation, StatusCodes.Status415UnsupportedMediaType, context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A multipart form's fields are the entries of its schema's allOf, one per form parameter in order, each an object naming its
    /// field. With the request delegates generated at compile time (the Request Delegate Generator) a plain string field comes out
    /// as a bare string schema, without its name; it is named again here, so a generated client still sends it.
    /// </summary>
    private static void NameFormFields(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        if (operation.RequestBody?.Content?.TryGetValue("multipart/form-data", out var form) != true
            || form!.Schema is not OpenApiSchema { AllOf: { Count: > 0 } fields }) return;
        var names = context.Description.ParameterDescriptions
            .Where(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Form || p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.FormFile)
            .Select(p => p.Name).ToList();
        if (names.Count != fields.Count) return;
        for (var i = 0; i < fields.Count; i++)
            if (fields[i] is OpenApiSchema { Properties: null or { Count: 0 }, Type: not JsonSchemaType.Object } bare)
                fields[i] = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema> { [names[i]] = bare } };
    }

    /// <summary>The members our problems add to RFC 9457's (Problems.Create, the import refusals), so a client can read them.</summary>
    private static Task DescribeProblemAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonTypeInfo.Type != typeof(Microsoft.AspNetCore.Mvc.ProblemDetails)) return Task.CompletedTask;
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["field"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String, Description = "The request field (JSON property, query parameter or form field) the refusal is about.",
        };
        schema.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "import-rejected: every row that stopped the import.",
            Items = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["sheet"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The sheet (organisation import)." },
                    ["row"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                    ["column"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The column (organisation import)." },
                    ["message"] = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            },
        };
        return Task.CompletedTask;
    }

    /// <summary>A report's status is a string: a fixed state or the key of a route step (any route, so no enum).</summary>
    private static Task DescribeReportStatusAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if ((Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type) != typeof(Workflow.Activities.Reports.ReportStatus))
            return Task.CompletedTask;
        schema.Type = JsonSchemaType.String;
        schema.Properties = null;
        schema.Required = null;
        schema.Enum = null;
        schema.Pattern = "^[A-Za-z][A-Za-z0-9]{1,39}$";
        schema.Description = "报告状态：Draft（草稿）、Returned（已退回）、Approved（已通过），或审核中时当前审核环节的键" +
                             "（标准流程为 SecretaryReview、DisciplineReview、CommitteeReview，管理员设计的流程可有其他键）。";
        return Task.CompletedTask;
    }

    private static void AddProblem(OpenApiOperation operation, int status, OpenApiOperationTransformerContext context)
    {
        operation.Responses ??= new OpenApiResponses();
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.ContainsKey(key)) return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
            },
        };
    }
}
