using Microsoft.AspNetCore.Mvc.ModelBinding;
using Workflow.Host.Admin;

namespace Workflow.Web.Pages.Admin;

/// <summary>Puts the refusals of an admin command into ModelState, each beside the input field it concerns.</summary>
public static class AdminModelState
{
    /// <summary>True when the command succeeded; otherwise the errors are recorded under "Input.&lt;Field&gt;" (or the form).</summary>
    public static bool Accept(this ModelStateDictionary modelState, AdminResult result, string prefix = "Input.")
    {
        foreach (var error in result.Errors)
            modelState.AddModelError(error.Field.Length == 0 ? "" : prefix + error.Field, error.Message);
        return result.Succeeded;
    }
}
