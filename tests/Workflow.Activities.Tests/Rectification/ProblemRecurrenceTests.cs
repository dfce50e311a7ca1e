using Workflow.Activities.Rectification;

namespace Workflow.Activities.Tests.Rectification;

/// <summary>Grouping a unit's items into problems that recur across years, the best matches of a problem, and the recurring count.</summary>
public sealed class ProblemRecurrenceTests
{
    private const string Study2023 = "党组理论学习中心组学习不够深入，学用结合不紧密，运用党的创新理论指导实践、推动工作的能力还有待提高。";
    private const string Study2024 = "（一）党组理论学习中心组学习还不够深入，学用结合不够紧密，运用党的创新理论推动工作的能力有待提高。";
    private const string Study2025 = "理论学习中心组学习还不够深入，学用结合不够紧密，推动工作的能力有待提高。";
    private const string Secrets = "保密工作存在薄弱环节，个别干部保密意识不强，涉密载体管理不够规范。";
    private const string Purchase = "政府采购程序执行不严格，个别项目未按规定进行询价。";

    private static (string Item, int Year, ProblemFingerprint Fingerprint) Item(string text, int year) =>
        (text[..6] + year, year, ProblemSimilarity.Fingerprint(text));

    [Fact]
    public void A_problem_written_in_three_years_is_one_group_and_a_problem_of_one_year_is_none()
    {
        var groups = ProblemRecurrence.Groups([Item(Study2023, 2023), Item(Secrets, 2023), Item(Study2024, 2024), Item(Purchase, 2024), Item(Study2025, 2025)]);

        var group = Assert.Single(groups);
        Assert.Equal(["党组理论学习2023", "（一）党组理2024", "理论学习中心2025"], group);
    }

    [Fact]
    public void Similar_items_of_the_same_year_do_not_make_a_recurrence()
    {
        Assert.Empty(ProblemRecurrence.Groups([Item(Study2023, 2024), Item(Study2024, 2024)]));
    }

    [Fact]
    public void Matches_are_the_best_first_above_the_threshold_at_most_three()
    {
        var earlier = new[] { Item(Study2023, 2023), Item(Secrets, 2023), Item(Study2024, 2024), Item(Study2025, 2025), Item(Study2023 + "。", 2022) };

        var matches = ProblemRecurrence.Matches(ProblemSimilarity.Fingerprint(Study2024), earlier);

        Assert.Equal(ProblemRecurrence.MaxShown, matches.Count);
        Assert.Equal("（一）党组理2024", matches[0].Item);
        Assert.True(matches.Zip(matches.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.DoesNotContain(matches, m => m.Item.StartsWith("保密"));
        Assert.Empty(ProblemRecurrence.Matches(ProblemSimilarity.Fingerprint(Purchase), earlier));
    }

    [Fact]
    public void The_recurring_count_is_the_items_of_the_year_like_an_earlier_one()
    {
        var earlier = new[] { ProblemSimilarity.Fingerprint(Study2023), ProblemSimilarity.Fingerprint(Secrets) };
        var thisYear = new[] { Study2025, Purchase, Secrets + "仍需加强。" }.Select(ProblemSimilarity.Fingerprint);

        Assert.Equal(2, ProblemRecurrence.CountRecurring(thisYear, earlier));
    }
}
