using Workflow.Activities.Reports.Diff;
using Workflow.Host.Documents;

namespace Workflow.Host.Tests.Documents;

public class SampleDiffTests
{
    [Fact]
    public void Filling_the_placeholders_of_a_sample_shows_exactly_the_filled_values()
    {
        var doc = TextFileReader.Read(Samples.Bytes("haishi-2023.txt"), Workflow.Activities.Reports.ReportTextLimits.Default);
        var filled = doc.Body.Replace("研讨xx次", "研讨23次").Replace("调研报告x篇", "调研报告5篇");
        var diff = RevisionDiff.Compute(1, doc.Title!, doc.Body, 2, doc.Title!, filled);

        var changed = diff.Sentences.Where(s => s.Kind != ChangeKind.Unchanged).ToList();
        Assert.Equal(2, changed.Count);
        Assert.All(changed, s => Assert.Equal(ChangeKind.Modified, s.Kind));
        Assert.Equal(["x", "xx"], changed.SelectMany(s => s.OldPieces).Where(p => p.Kind == ChangeKind.Deleted).Select(p => p.Text));
        Assert.Equal(["5", "23"], changed.SelectMany(s => s.NewPieces).Where(p => p.Kind == ChangeKind.Inserted).Select(p => p.Text));
        Assert.Contains("开展集中学习研讨23次。", changed[1].New);
        Assert.Equal(Sentence.Split(doc.Title!, doc.Body).Count, diff.Sentences.Count);
    }
}
