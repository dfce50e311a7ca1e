using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Activities.Reports;

namespace Workflow.Web;

/// <summary>Base of the signed-in pages: turns domain refusals into messages beside the field, or 404/403.</summary>
public abstract class AppPageModel : PageModel
{
    /// <summary>Runs a use case; on a refusal, records it in ModelState and returns the result to show instead.</summary>
    protected async Task<IActionResult?> TryAsync(Func<Task> action, string fieldPrefix = "")
    {
        try
        {
            await action();
            return null;
        }
        catch (WorkflowRuleException e) when (e.Violation == RuleViolation.NotFound)
        {
            return NotFound();
        }
        catch (WorkflowRuleException e)
        {
            var key = e.Field is null ? "" : fieldPrefix + char.ToUpperInvariant(e.Field[0]) + e.Field[1..];
            ModelState.AddModelError(key, e.Message);
            return null;
        }
    }

    protected void Flash(string message) => TempData["Flash"] = message;

    /// <summary>Shows the errors recorded under <paramref name="from"/> next to the input named <paramref name="to"/>.</summary>
    protected void MoveErrors(string from, string to)
    {
        if (!ModelState.TryGetValue(from, out var entry)) return;
        foreach (var error in entry.Errors.ToList()) ModelState.AddModelError(to, error.ErrorMessage);
        ModelState.Remove(from);
    }
}
