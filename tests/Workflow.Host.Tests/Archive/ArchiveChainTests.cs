using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Archive;
using Workflow.Activities.Rectification;
using Workflow.Host.Archive;
using Workflow.Host.Data;
using Workflow.Host.Rectification;
using Workflow.Host.Security;
using Workflow.Host.Seeding;

namespace Workflow.Host.Tests.Archive;

/// <summary>The archive chains on a database nobody tampers with: sealed in the writing transaction, exported, verified offline.</summary>
public abstract class ArchiveChainTestsCases<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    [Fact]
    public async Task Every_history_row_is_sealed_and_the_live_check_passes_and_is_audited()
    {
        var (rows, links) = await fixture.ReadAsync(async db => (
            await db.ReportJournal.CountAsync() + await db.ReportRevisions.CountAsync() + await db.RectificationJournal.CountAsync()
            + await db.EvidenceFiles.CountAsync(),
            await db.ChainLinks.CountAsync(l => l.Event == ChainVerifier.AddedEvent)));
        Assert.True(rows > 20);
        Assert.Equal(rows, links);

        var result = await fixture.InScopeAsync<ArchiveCheck, ArchiveCheckResult>(c => c.RunAsync(CancellationToken.None));
        Assert.True(result.Ok, string.Join("\n", result.Broken.Select(b => $"{b.Label}: {b.Break}")));
        Assert.True(result.Chains >= 8);
        Assert.True(await fixture.ReadAsync(db => db.SecurityAudit.AnyAsync(e => e.Kind == nameof(SecurityEventKind.ArchiveChecked) && e.Succeeded)));
    }

    [Fact]
    public async Task A_transition_appends_links_that_follow_the_chain_head()
    {
        var report = await fixture.CreateAsync("drafter.jiguan", 2026);
        await fixture.ExecuteAsync("drafter.jiguan", report.Id, Workflow.Activities.Reports.ReportCommand.Submit);
        var links = await fixture.ReadAsync(db => db.ChainLinks.AsNoTracking().Where(l => l.ChainId == report.Id).OrderBy(l => l.Sequence).ToListAsync());
        Assert.Equal([1, 2, 3], links.Select(l => l.Sequence));
        Assert.Equal(ArchiveHash.Genesis, links[0].PreviousHash);
        Assert.Equal(links[1].LinkHash, links[2].PreviousHash);
        Assert.All(links, l => Assert.Equal(ArchiveHash.Sha256, l.Algorithm));
        var (broken, count) = await fixture.InScopeAsync<ArchiveCheck, (ChainBreak?, int)>(c => c.CheckChainAsync(ArchiveSealing.ReportChain, report.Id, CancellationToken.None));
        Assert.Null(broken);
        Assert.Equal(3, count);
    }

    [Fact]
    public async Task A_save_of_more_history_rows_than_one_insert_statement_takes_seals_every_chain()
    {
        // 1,100 items (an import) in one save: 1,100 chains, each with its first journal row, sealed in three INSERTs of links.
        var drafter = (await fixture.UserAsync("drafter.kexie")).Actor;
        var at = fixture.Clock.GetUtcNow();
        var ids = await fixture.ReadAsync(async db =>
        {
            var items = Enumerable.Range(1, 1100).Select(n => RectificationItem.Create(DemoSeeder.Kexie, "KX", 2049, n, RectificationSource.SelfInspection,
                new RectificationFields("作风建设", $"导入问题{n}", "整改措施", "李明", "办公室", null, null, null), drafter, at)).ToList();
            db.RectificationItems.AddRange(items);
            await db.SaveChangesAsync();
            return items.Select(i => i.Id).ToList();
        });
        var linked = await fixture.ReadAsync(db => db.ChainLinks.Where(l => l.Chain == ArchiveSealing.RectificationChain && ids.Contains(l.ChainId))
            .Select(l => l.ChainId).Distinct().CountAsync());
        Assert.Equal(1100, linked);
        foreach (var id in new[] { ids[0], ids[499], ids[500], ids[^1] })
        {
            var (broken, count) = await fixture.InScopeAsync<ArchiveCheck, (ChainBreak?, int)>(c => c.CheckChainAsync(ArchiveSealing.RectificationChain, id, CancellationToken.None));
            Assert.Null(broken);
            Assert.Equal(1, count);
        }
    }

    [Fact]
    public async Task The_links_insert_writes_every_column_of_the_model_but_the_generated_key_each_with_its_own_value()
    {
        var (columns, values) = await fixture.ReadAsync(db =>
        {
            var entity = db.Model.FindEntityType(typeof(ChainLink))!;
            var link = new ChainLink { Chain = "c", ChainId = Guid.NewGuid(), Sequence = 7, Table = "t", RowKey = "k", Event = "e", Algorithm = "a",
                ContentHash = "h1", PreviousHash = "h2", LinkHash = "h3" };
            var written = entity.GetProperties().Where(p => p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never).ToList();
            var byColumn = written.ToDictionary(p => p.GetColumnName(), p => p.GetGetter().GetClrValue(link));
            return Task.FromResult((byColumn, ArchiveSealing.LinkColumns.Zip(ArchiveSealing.LinkValues(link)).ToList()));
        });
        Assert.Equal(columns.Keys.Order(), ArchiveSealing.LinkColumns.Order());
        Assert.All(values, v => Assert.Equal(columns[v.First], v.Second));
    }

    [Fact]
    public async Task A_journal_row_without_a_transfer_target_hashes_as_it_did_before_the_target_columns_existed()
    {
        // Links sealed before 转办/加签 added TargetUserId/TargetName must still verify: an empty late column is not part of the row.
        var (without, with) = await fixture.ReadAsync(async db =>
        {
            var entry = await db.ReportJournal.FirstAsync(j => j.TargetName == null);
            var plain = ArchiveSealing.Fields(db.Entry(entry)).Select(f => f.Key).ToList();
            db.Entry(entry).Property(nameof(Workflow.Activities.Reports.ReportJournalEntry.TargetName)).CurrentValue = "钱进";
            var targeted = ArchiveSealing.Fields(db.Entry(entry)).Select(f => f.Key).ToList();
            return (plain, targeted);
        });
        Assert.DoesNotContain("TargetName", without);
        Assert.DoesNotContain("TargetUserId", without);
        Assert.Contains("Comment", without); // an original column is in the row even when empty
        Assert.Contains("TargetName", with);
    }

    [Fact]
    public async Task Two_evidence_uploads_at_once_never_fork_the_chain()
    {
        var (item, drafter) = await ItemTakingEvidenceAsync();
        var uploads = await Task.WhenAll(Enumerable.Range(1, 3).Select(async n =>
        {
            try
            {
                await fixture.InScopeAsync<RectificationEvidence, EvidenceFile>(s => s.AddEvidenceAsync(drafter, item, $"同时{n}.pdf", Pdf($"同时上传{n}")));
                return true;
            }
            catch (Workflow.Activities.Reports.WorkflowRuleException e) when (e.Violation == Workflow.Activities.Reports.RuleViolation.Conflict)
            {
                return false; // the item's stamp lost the race: a 409, nothing written
            }
        }));
        Assert.Contains(true, uploads);
        var sequences = await fixture.ReadAsync(db => db.ChainLinks.Where(l => l.ChainId == item).OrderBy(l => l.Sequence).Select(l => l.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, sequences.Count), sequences);
        var (broken, _) = await fixture.InScopeAsync<ArchiveCheck, (ChainBreak?, int)>(c => c.CheckChainAsync(ArchiveSealing.RectificationChain, item, CancellationToken.None));
        Assert.Null(broken);
    }

    [Fact]
    public async Task An_exported_archive_verifies_and_any_changed_byte_is_named()
    {
        var (item, drafter) = await ItemTakingEvidenceAsync();
        var kept = await fixture.InScopeAsync<RectificationEvidence, EvidenceFile>(s => s.AddEvidenceAsync(drafter, item, "整改报告.pdf", Pdf("整改完成情况")));
        var taken = await fixture.InScopeAsync<RectificationEvidence, EvidenceFile>(s => s.AddEvidenceAsync(drafter, item, "传错了.pdf", Pdf("传错的文件")));
        await fixture.InScopeAsync<RectificationEvidence, EvidenceFile>(s => s.RemoveEvidenceAsync(drafter, item, taken.Id));

        var year = await fixture.ReadAsync(db => db.RectificationItems.Where(i => i.Id == item).Select(i => i.Year).SingleAsync());
        var committee = await fixture.UserAsync("committee.gongwei");
        var zip = new MemoryStream();
        await fixture.InScopeAsync<ArchiveExport, int>(async export =>
        {
            await export.WriteAsync(await export.PlanYearAsync(committee, year, CancellationToken.None), zip, CancellationToken.None);
            return 0;
        });
        var bytes = zip.ToArray();
        var verdict = await ArchiveVerifier.VerifyAsync(new MemoryStream(bytes));
        Assert.True(verdict.Ok, verdict.Message);
        Assert.True(verdict.Links > 20);

        var code = await fixture.ReadAsync(db => db.RectificationItems.Where(i => i.Id == item).Select(i => i.Code).SingleAsync());
        // The evidence file's bytes: one changed byte.
        var evidencePath = Entries(bytes).Single(n => n.StartsWith($"items/{code}/evidence/") && n.EndsWith("整改报告.pdf"));
        var tampered = await VerifyAfterAsync(bytes, evidencePath, content => content[^3] ^= 1);
        Assert.False(tampered.Ok);
        Assert.Contains($"整改事项 {code}", tampered.Message);
        Assert.Contains("SHA-256", tampered.Message);
        Assert.Equal(kept.Id.ToString("D"), tampered.Break!.RowKey);

        // A journal row's opinion, one character changed.
        var journalRow = Entries(bytes).First(n => n.StartsWith("reports/") && n.Contains("/ReportJournal/") && n.EndsWith(".json"));
        tampered = await VerifyAfterAsync(bytes, journalRow, content => Replace(content, "\"Sequence\": \"1\"", "\"Sequence\": \"7\""));
        Assert.False(tampered.Ok);
        Assert.Equal("ReportJournal", tampered.Break!.Table);
        Assert.Contains("记录内容被改动", tampered.Message);

        // A revision's text, one byte.
        var revisionText = Entries(bytes).First(n => n.Contains("/ReportRevisions/") && n.EndsWith(".Body.txt"));
        tampered = await VerifyAfterAsync(bytes, revisionText, content => content[0] ^= 1);
        Assert.False(tampered.Ok);
        Assert.Equal("ReportRevisions", tampered.Break!.Table);

        // Two links of a chain swapped in the manifest: the order is part of the chain.
        tampered = await VerifyAfterAsync(bytes, "manifest.json", content => SwapFirstTwoLinks(content));
        Assert.False(tampered.Ok);
        Assert.Contains("第1个链节的序号是2", tampered.Message);
    }

    [Fact]
    public async Task Links_refuse_change_and_removal_in_the_database()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => fixture.ReadAsync(db =>
            db.ChainLinks.Where(l => l.Sequence == 1).ExecuteUpdateAsync(s => s.SetProperty(l => l.ContentHash, new string('0', 64)))));
        Assert.Contains("append-only", e.Message);
        var tracked = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.ReadAsync(async db =>
        {
            db.ChainLinks.Remove(await db.ChainLinks.FirstAsync());
            return await db.SaveChangesAsync();
        }));
        Assert.Contains("append-only", tracked.Message);
    }

    private async Task<(Guid Item, Workflow.Host.Identity.UserContext Drafter)> ItemTakingEvidenceAsync()
    {
        var drafter = await fixture.UserAsync("drafter.tongji");
        var items = await fixture.ReadAsync(db => db.RectificationItems.AsNoTracking().Where(i => i.UnitId == DemoSeeder.Tongji).OrderBy(i => i.Sequence).ToListAsync());
        return (items.First(i => i.Can(RectificationCommand.UploadEvidence, drafter.Actor)).Id, drafter);
    }

    private static MemoryStream Pdf(string text) => new(Encoding.UTF8.GetBytes($"%PDF-1.7\n% {text}\n1 0 obj\n<<>>\nendobj\n%%EOF\n"));

    private static List<string> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.Select(e => e.FullName).ToList();
    }

    /// <summary>Copies the archive with one entry's bytes changed, and verifies the copy.</summary>
    private static async Task<ArchiveVerdict> VerifyAfterAsync(byte[] zip, string entryName, Action<byte[]> change)
    {
        var copy = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        using (var target = new ZipArchive(copy, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in source.Entries)
            {
                using var read = entry.Open();
                var content = new MemoryStream();
                read.CopyTo(content);
                var data = content.ToArray();
                if (entry.FullName == entryName) change(data);
                using var write = target.CreateEntry(entry.FullName).Open();
                write.Write(data);
            }
        copy.Position = 0;
        return await ArchiveVerifier.VerifyAsync(copy);
    }

    private static void Replace(byte[] content, string from, string to)
    {
        var text = Encoding.UTF8.GetString(content);
        Assert.Contains(from, text);
        var changed = Encoding.UTF8.GetBytes(text.Replace(from, to));
        Assert.Equal(content.Length, changed.Length);
        changed.CopyTo(content, 0);
    }

    private static void SwapFirstTwoLinks(byte[] content)
    {
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(content)!;
        var links = manifest["chains"]![0]!["links"]!.AsArray();
        var first = links[0]!.DeepClone();
        links[0] = links[1]!.DeepClone();
        links[1] = first;
        var changed = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        Array.Clear(content);
        // Same length is not needed here: the caller writes the array it gets; pad with spaces, which JSON ignores.
        Assert.True(changed.Length <= content.Length);
        changed.CopyTo(content, 0);
        Array.Fill(content, (byte)' ', changed.Length, content.Length - changed.Length);
    }
}

/// <summary>The cases on SQLite, the embedded default.</summary>
public sealed class ArchiveChainTests(HostFixture fixture) : ArchiveChainTestsCases<HostFixture>(fixture);

/// <summary>The same cases on PostgreSQL.</summary>
public sealed class ArchiveChainTestsOnPostgreSql(PostgresHostFixture fixture) : ArchiveChainTestsCases<PostgresHostFixture>(fixture);
