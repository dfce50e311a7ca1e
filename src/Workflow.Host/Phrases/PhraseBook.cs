using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Phrases;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;

namespace Workflow.Host.Phrases;

/// <summary>A phrase as offered: the user's own (with its id, which he may delete) or a default (no id).</summary>
public sealed record OfferedPhrase(Guid? Id, string Text, bool IsDefault);

/// <summary>常用语: the phrases a user saved for his decision comments, listed with the defaults after them, added, deleted, reordered.</summary>
public sealed class PhraseBook(AppDbContext db, TimeProvider clock)
{
    public static WorkflowRuleException PhraseNotFound() => new(RuleViolation.NotFound, "phrase-not-found", "常用语不存在。");

    /// <summary>His phrases in his order, then the defaults he has not saved himself.</summary>
    public async Task<List<OfferedPhrase>> OfferedAsync(UserContext user, CancellationToken ct = default) =>
        SavedPhrase.Offered(await MineAsync(user, ct)).Select(p => new OfferedPhrase(p.Own?.Id, p.Text, p.Own is null)).ToList();

    /// <summary>Saves <paramref name="text"/> last in his list (400 empty, too long or a duplicate; 409 beyond the limit).</summary>
    public async Task<SavedPhrase> AddAsync(UserContext user, string? text, CancellationToken ct = default)
    {
        var phrase = SavedPhrase.Create(user.User.Id, text, await MineAsync(user, ct), clock.GetUtcNow());
        db.SavedPhrases.Add(phrase);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same text saved twice at once: the unique index let one through.
            db.ChangeTracker.Clear();
            if (await db.SavedPhrases.AnyAsync(p => p.UserId == user.User.Id && p.Text == phrase.Text, ct))
                throw new WorkflowRuleException(RuleViolation.Invalid, "phrase-duplicate", "已有相同的常用语。", "text");
            throw;
        }
        return phrase;
    }

    /// <summary>Deletes one of his phrases; another user's (or none) is 404.</summary>
    public async Task DeleteAsync(UserContext user, Guid id, CancellationToken ct = default)
    {
        var phrase = await db.SavedPhrases.FirstOrDefaultAsync(p => p.Id == id && p.UserId == user.User.Id, ct) ?? throw PhraseNotFound();
        db.SavedPhrases.Remove(phrase);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Puts his phrases in the order of <paramref name="ids"/>, which must name each of them once (400 otherwise).</summary>
    public async Task<List<OfferedPhrase>> ReorderAsync(UserContext user, IReadOnlyList<Guid>? ids, CancellationToken ct = default)
    {
        var mine = await db.SavedPhrases.Where(p => p.UserId == user.User.Id).ToListAsync(ct);
        if (ids is null || ids.Count != mine.Count || ids.Distinct().Count() != ids.Count || ids.Any(id => mine.All(p => p.Id != id)))
            throw new WorkflowRuleException(RuleViolation.Invalid, "phrase-order-invalid", "排序须列出您的每一条常用语，且各一次。", "ids");
        for (var i = 0; i < ids.Count; i++) mine.Single(p => p.Id == ids[i]).MoveTo(i);
        await db.SaveChangesAsync(ct);
        return await OfferedAsync(user, ct);
    }

    private Task<List<SavedPhrase>> MineAsync(UserContext user, CancellationToken ct) =>
        db.SavedPhrases.AsNoTracking().Where(p => p.UserId == user.User.Id).ToListAsync(ct);
}
