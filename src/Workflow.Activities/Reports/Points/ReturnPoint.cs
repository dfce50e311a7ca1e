namespace Workflow.Activities.Reports.Points;

/// <summary>How the drafter answered a point: he changed the text (已修改), or he explains why not (说明).</summary>
public enum PointAnswerKind
{
    Changed = 1,
    Explained = 2,
}

/// <summary>The reviewer's judgement of an answered point: 已落实 or 未落实.</summary>
public enum PointVerdict
{
    Resolved = 1,
    Unresolved = 2,
}

/// <summary>
/// One numbered point of a return comment (逐条说明): written by the reviewer with the return, answered by the drafter with the
/// resubmission, judged by the same reviewer with his next decision. Each part is written once and never changed.
/// </summary>
public sealed class ReturnPoint
{
    private ReturnPoint() { }

    internal ReturnPoint(Guid reportId, int returnSequence, int number, string text, Actor reviewer, string reviewerRole,
        int? carriedFromSequence, DateTimeOffset at)
    {
        ReportId = reportId;
        ReturnSequence = returnSequence;
        Number = number;
        Text = text;
        ReviewerId = reviewer.UserId;
        ReviewerName = reviewer.DisplayName;
        ReviewerRole = reviewerRole;
        CarriedFromSequence = carriedFromSequence;
        RaisedAt = at;
    }

    public long Id { get; private set; }
    public Guid ReportId { get; private set; }

    /// <summary>The journal sequence of the return that raised this point.</summary>
    public int ReturnSequence { get; private set; }

    /// <summary>1, 2, 3… within its return.</summary>
    public int Number { get; private set; }
    public string Text { get; private set; } = "";
    public string ReviewerId { get; private set; } = "";
    public string ReviewerName { get; private set; } = "";
    public string ReviewerRole { get; private set; } = "";
    public DateTimeOffset RaisedAt { get; private set; }

    /// <summary>Set when the point repeats one judged 未落实 at the return with this journal sequence (上次未落实).</summary>
    public int? CarriedFromSequence { get; private set; }

    public PointAnswerKind? Answer { get; private set; }
    public string? AnswerNote { get; private set; }

    /// <summary>The sentences of the new text the drafter links to this point, picked from the revision diff.</summary>
    public List<string> LinkedSentences { get; private set; } = [];

    /// <summary>The journal sequence of the resubmission that carried the answer.</summary>
    public int? AnswerSequence { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    public PointVerdict? Verdict { get; private set; }

    /// <summary>The journal sequence of the decision (approval or return) the verdict was given with.</summary>
    public int? VerdictSequence { get; private set; }
    public DateTimeOffset? JudgedAt { get; private set; }

    public bool IsOpen => Answer is null;
    public bool AwaitsVerdict => Answer is not null && Verdict is null;

    internal void RecordAnswer(PointAnswerKind kind, string? note, IReadOnlyList<string> links, int sequence, DateTimeOffset at)
    {
        if (Answer is not null) throw new InvalidOperationException("A point is answered once.");
        Answer = kind;
        AnswerNote = note;
        LinkedSentences = [.. links];
        AnswerSequence = sequence;
        AnsweredAt = at;
    }

    internal void RecordVerdict(PointVerdict verdict, int sequence, DateTimeOffset at)
    {
        if (Verdict is not null) throw new InvalidOperationException("A point is judged once.");
        Verdict = verdict;
        VerdictSequence = sequence;
        JudgedAt = at;
    }
}

/// <summary>Labels for the page, the API and the 审批单.</summary>
public static class PointLabels
{
    public static string Label(this PointAnswerKind kind) => kind == PointAnswerKind.Changed ? "已修改" : "说明";
    public static string Label(this PointVerdict verdict) => verdict == PointVerdict.Resolved ? "已落实" : "未落实";
}
