using System.Security.Cryptography;
using System.Text;
using Workflow.Activities.Archive;

namespace Workflow.Activities.Tests.Archive;

/// <summary>The archive's encoding as the README spells it for an outside verifier, the two algorithms, and the chain walk.</summary>
public sealed class ArchiveHashTests
{
    [Fact]
    public void The_canonical_form_is_jcs_of_strings_in_ordinal_key_order()
    {
        var bytes = ArchiveHash.Canonical([KeyValuePair.Create("b", (string?)null), KeyValuePair.Create("B", (string?)"引号\"反斜杠\\换行\n\u0001")]);
        Assert.Equal("{\"B\":\"引号\\\"反斜杠\\\\换行\\n\\u0001\",\"b\":null}", Encoding.UTF8.GetString(bytes));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), ArchiveHash.Digest(ArchiveHash.Sha256, bytes));
    }

    [Fact]
    public void Values_read_back_from_either_database_give_the_same_text()
    {
        var written = new DateTimeOffset(2026, 11, 25, 9, 30, 15, TimeSpan.FromHours(8)).AddTicks(1_234_567);
        var sqlite = new DateTimeOffset(written.UtcTicks - written.UtcTicks % 1000, TimeSpan.Zero);
        var postgres = new DateTimeOffset(written.UtcTicks - written.UtcTicks % 10, TimeSpan.Zero);
        Assert.Equal("2026-11-25T01:30:15.123Z", ArchiveHash.Text(written));
        Assert.Equal(ArchiveHash.Text(written), ArchiveHash.Text(sqlite));
        Assert.Equal(ArchiveHash.Text(written), ArchiveHash.Text(postgres));
        Assert.Equal(("-42", "true", "Approved"), (ArchiveHash.Text(-42L), ArchiveHash.Text(true), ArchiveHash.Text(Reports.ReportAction.Approved)));
        Assert.Throws<ArgumentException>(() => ArchiveHash.Text(1.5));
    }

    [Fact]
    public void Sm3_gives_the_standards_test_vector()
    {
        // GB/T 32905-2016, example 1.
        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", ArchiveHash.Digest(ArchiveHash.Sm3, "abc"u8.ToArray()));
    }

    [Fact]
    public void A_chain_may_change_algorithm_and_still_verify_and_a_changed_field_is_named()
    {
        var id = Guid.NewGuid();
        var rows = new Dictionary<string, Dictionary<string, string?>>
        {
            ["1"] = new() { ["Comment"] = "同意", ["Id"] = "1" },
            ["2"] = new() { ["Comment"] = "退回修改", ["Id"] = "2" },
        };
        var first = Link(id, 1, "1", ArchiveHash.Sha256, rows["1"], ArchiveHash.Genesis);
        var second = Link(id, 2, "2", ArchiveHash.Sm3, rows["2"], first.LinkHash);
        IEnumerable<KeyValuePair<string, string?>>? Fields(string table, string key) => rows.GetValueOrDefault(key);
        var keys = rows.Keys.Select(k => ("ReportJournal", k)).ToList();
        Assert.Null(ChainVerifier.FirstBreak("Report", id, [first, second], Fields, keys));

        rows["2"]["Comment"] = "同意";
        var broken = ChainVerifier.FirstBreak("Report", id, [first, second], Fields, keys);
        Assert.Equal((2, "2"), (broken!.Sequence, broken.RowKey));
        Assert.Contains("记录内容被改动", broken.Problem);
    }

    private static ArchiveLink Link(Guid chainId, int sequence, string key, string algorithm, Dictionary<string, string?> row, string previous)
    {
        var content = ArchiveHash.ContentHash(algorithm, row);
        return new ArchiveLink(sequence, "ReportJournal", key, ChainVerifier.AddedEvent, algorithm, content, previous,
            ArchiveHash.LinkHash(algorithm, "Report", chainId, sequence, "ReportJournal", key, ChainVerifier.AddedEvent, content, previous));
    }
}
