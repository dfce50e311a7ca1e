using System.Security.Claims;
using Workflow.Activities.Reports;
using Workflow.Host.Identity;

namespace Workflow.Web;

/// <summary>The signed-in user of this request, loaded once from the database (roles and units are never trusted from the token).</summary>
public sealed class CurrentUser(IHttpContextAccessor http, UserDirectory directory)
{
    private UserContext? _loaded;

    public async Task<UserContext> GetAsync(CancellationToken ct = default)
    {
        if (_loaded is not null) return _loaded;
        var id = http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        _loaded = id is null ? null : await directory.LoadAsync(id, ct);
        return _loaded ?? throw new WorkflowRuleException(RuleViolation.Forbidden, "unknown-user", "当前账号不存在或已停用。");
    }
}
