using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Workflow.Web;

/// <summary>
/// What a page's 404 was about, so the 未找到 page names it ("整改事项不存在…", "报告不存在…"). The 404 redirects to /NotFound (the
/// address stays the same for every refusal); the subject travels in TempData, chosen from the feature folder of the path.
/// </summary>
public static class NotFoundSubject
{
    private const string Key = "NotFoundSubject";

    /// <summary>The thing a path shows, in the words of its page; "页面" when the path is no feature's.</summary>
    public static string Of(PathString path) =>
        path.StartsWithSegments("/Rectifications/Details") ? "整改事项"
        : path.StartsWithSegments("/Reports") ? "报告"
        : "页面";

    /// <summary>Remembers the subject of <paramref name="http"/>'s path for the next page, the 未找到 page.</summary>
    public static void Remember(HttpContext http)
    {
        var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
        tempData[Key] = Of(http.Request.Path);
        tempData.Save();
    }

    /// <summary>The subject remembered for this visit of the 未找到 page, "页面" when it was opened directly.</summary>
    public static string Recall(ITempDataDictionary tempData) =>
        tempData[Key] is string subject && subject is "整改事项" or "报告" ? subject : "页面";
}
