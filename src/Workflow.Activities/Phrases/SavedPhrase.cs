using Workflow.Activities.Reports;

namespace Workflow.Activities.Phrases;

/// <summary>
/// 常用语: an opinion a user saved to pick into a decision comment (审核意见, 退回意见) instead of typing it again. Each user keeps
/// at most <see cref="MaxPerUser"/>, each once; the <see cref="Defaults"/> are offered to everyone after his own.
/// </summary>
public sealed class SavedPhrase
{
    public const int MaxLength = 200;
    public const int MaxPerUser = 20;

    /// <summary>The phrases every reviewer is offered, after his own: what approvals and returns most often say.</summary>
    public static readonly IReadOnlyList<string> Defaults =
    [
        "同意。",
        "同意，请按程序报送。",
        "请按意见修改后重新报送。",
        "退回，请补充存在的问题和整改措施。",
        "已阅。",
    ];

    private SavedPhrase() { }

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string Text { get; private set; } = "";

    /// <summary>Place in the user's list, from 0; new phrases go last.</summary>
    public int Order { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// A new phrase for <paramref name="userId"/> after his <paramref name="existing"/> ones: text required, at most
    /// <see cref="MaxLength"/> characters a document can hold, not one he already saved (400), not beyond <see cref="MaxPerUser"/> (409).
    /// </summary>
    public static SavedPhrase Create(string userId, string? text, IReadOnlyCollection<SavedPhrase> existing, DateTimeOffset at)
    {
        var clean = Clean(text);
        if (existing.Count >= MaxPerUser)
            throw new WorkflowRuleException(RuleViolation.Conflict, "phrases-too-many", $"常用语最多保存{MaxPerUser}条，请先删除不用的再添加。");
        if (existing.Any(p => p.Text == clean))
            throw new WorkflowRuleException(RuleViolation.Invalid, "phrase-duplicate", "已有相同的常用语。", "text");
        return new SavedPhrase
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Text = clean,
            Order = existing.Count == 0 ? 0 : existing.Max(p => p.Order) + 1,
            CreatedAt = at,
        };
    }

    /// <summary>Moves the phrase to place <paramref name="order"/> of its user's list.</summary>
    public void MoveTo(int order) => Order = order;

    /// <summary>The text as stored: line breaks kept, blanks around trimmed.</summary>
    public static string Clean(string? text)
    {
        var clean = (UserText.Check(text, "text") ?? "").Trim();
        if (clean.Length == 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "phrase-required", "请填写常用语。", "text");
        if (clean.Length > MaxLength)
            throw new WorkflowRuleException(RuleViolation.Invalid, "phrase-too-long", $"常用语不能超过{MaxLength}个字符。", "text");
        return clean;
    }

    /// <summary>What a user is offered: his own phrases in his order, then the defaults he has not saved himself.</summary>
    public static IReadOnlyList<(SavedPhrase? Own, string Text)> Offered(IEnumerable<SavedPhrase> own)
    {
        var mine = own.OrderBy(p => p.Order).ThenBy(p => p.CreatedAt).ToList();
        return mine.Select(p => ((SavedPhrase?)p, p.Text))
            .Concat(Defaults.Where(d => mine.All(p => p.Text != d)).Select(d => ((SavedPhrase?)null, d))).ToList();
    }
}
