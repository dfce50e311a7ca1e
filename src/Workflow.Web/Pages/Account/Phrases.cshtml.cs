using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Phrases;
using Workflow.Host.Phrases;

namespace Workflow.Web.Pages.Account;

/// <summary>常用语: the user's saved opinions for decision comments, added and deleted here; the defaults are listed after them.</summary>
public sealed class PhrasesModel(CurrentUser me, PhraseBook phrases) : AppPageModel
{
    [BindProperty]
    public string? Text { get; set; }

    public List<OfferedPhrase> Phrases { get; private set; } = [];

    public int OwnCount => Phrases.Count(p => !p.IsDefault);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var refused = await TryAsync(async () => await phrases.AddAsync(await me.GetAsync(ct), Text, ct));
        if (refused is not null) return refused;
        if (ModelState.IsValid)
        {
            Flash("常用语已保存。");
            return RedirectToPage();
        }
        // A refusal without a field (the limit) belongs beside the text too.
        MoveErrors("", "Text");
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var refused = await TryAsync(async () => await phrases.DeleteAsync(await me.GetAsync(ct), id, ct));
        if (refused is not null) return refused;
        Flash("常用语已删除。");
        return RedirectToPage();
    }

    public static int MaxLength => SavedPhrase.MaxLength;
    public static int MaxPerUser => SavedPhrase.MaxPerUser;

    private async Task LoadAsync(CancellationToken ct) => Phrases = await phrases.OfferedAsync(await me.GetAsync(ct), ct);
}
