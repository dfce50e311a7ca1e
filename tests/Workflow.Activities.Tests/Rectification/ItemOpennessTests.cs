using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using static Workflow.Activities.Tests.TestActors;

namespace Workflow.Activities.Tests.Rectification;

/// <summary>"Is this item open / overdue": the expression the queries use and the in-memory checks give the same answer.</summary>
public sealed class ItemOpennessTests
{
    private static readonly DateOnly Today = new(2026, 3, 1);

    /// <summary>An item walked by its intent methods to <paramref name="status"/>, due on <paramref name="deadline"/>.</summary>
    public static RectificationItem ItemIn(RectificationStatus status, DateOnly? deadline)
    {
        var item = RectificationItem.Create(Guid.NewGuid(), "KX", 2026, 1, RectificationSource.Inspection,
            new RectificationFields(null, "制度执行不严格", null, null, null, null, null, deadline), Drafter, T0);
        if (status == RectificationStatus.LongTerm) item.MarkLongTerm(Drafter, "需长期坚持", Today.AddDays(30), Today, T0);
        if (status is RectificationStatus.InProgress or RectificationStatus.ClosureRequested or RectificationStatus.Closed)
            item.Start(Drafter, T0);
        if (status is RectificationStatus.ClosureRequested or RectificationStatus.Closed) item.RequestClosure(Drafter, "已修订制度", T0);
        if (status == RectificationStatus.Closed) item.ApproveClosure(Secretary, null, T0);
        Assert.Equal(status, item.Status);
        return item;
    }

    public static TheoryData<RectificationStatus> Statuses => new(Enum.GetValues<RectificationStatus>());

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Open_means_neither_closed_nor_long_term_in_the_expression_and_in_memory(RectificationStatus status)
    {
        var item = ItemIn(status, Today);
        var open = status is not (RectificationStatus.Closed or RectificationStatus.LongTerm);
        Assert.Equal(open, item.IsOpen);
        Assert.Equal(open, RectificationItem.OpenExpression.Compile()(item));
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Overdue_is_open_and_past_the_deadline_in_the_expression_and_in_memory(RectificationStatus status)
    {
        foreach (var deadline in new DateOnly?[] { null, Today.AddDays(-30), Today.AddDays(-1), Today, Today.AddDays(1) })
        {
            var item = ItemIn(status, deadline);
            var overdue = item.IsOpen && deadline < Today;
            Assert.Equal(overdue, item.IsOverdue(Today));
            Assert.Equal(overdue, RectificationItem.OverdueOn(Today).Compile()(item));
        }
    }
}
