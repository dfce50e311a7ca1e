using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Reports;

namespace Workflow.Web;

/// <summary>Builds application/problem+json answers with a Chinese title and a stable type.</summary>
public static class Problems
{
    public const string TypePrefix = "urn:approvalflow:problem:";

    public static ProblemDetails Create(int status, string code, string title, string? detail = null, string? field = null)
    {
        var problem = new ProblemDetails { Status = status, Type = TypePrefix + code, Title = title, Detail = detail };
        if (field is not null) problem.Extensions["field"] = field;
        return problem;
    }

    public static int StatusOf(RuleViolation violation) => violation switch
    {
        RuleViolation.Invalid => StatusCodes.Status400BadRequest,
        RuleViolation.Forbidden => StatusCodes.Status403Forbidden,
        RuleViolation.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status409Conflict,
    };

    public static IResult From(WorkflowRuleException e) =>
        TypedResults.Problem(Create(StatusOf(e.Violation), e.Code, e.Message, field: e.Field));

    /// <summary>Title and type for a bare status code the framework produced (401 from a missing token, 404 of a route…).</summary>
    public static ProblemDetails ForStatus(int status) => status switch
    {
        400 => Create(status, "bad-request", "请求格式不正确。"),
        401 => Create(status, "unauthorized", "请先登录或提供有效的访问令牌。"),
        403 => Create(status, "forbidden", "您没有权限执行此操作。"),
        404 => Create(status, "not-found", "请求的资源不存在。"),
        405 => Create(status, "method-not-allowed", "不支持该请求方法。"),
        409 => Create(status, "conflict", "请求与当前状态冲突。"),
        415 => Create(status, "unsupported-media-type", "请求的内容类型不受支持：上传文件请用 multipart/form-data，其他请求请用 application/json。"),
        504 => Create(status, "request-timeout", "请求处理超时，已停止。请稍后重试。"),
        _ => Create(status, "error", "服务器处理请求时出错。"),
    };
}
