using System.Text;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Host.Rectification;
using Workflow.Host.Seeding;

namespace Workflow.Host.Tests.Rectification;

/// <summary>The ledger through the real database: scoping, who may do what, codes, requirements from reviews, extraction.</summary>
public sealed class RectificationServiceTests(RectificationFixture fixture) : IClassFixture<RectificationFixture>
{
    [Fact]
    public async Task Codes_count_up_per_unit_and_year_with_the_unit_prefix()
    {
        var first = await fixture.NewItemAsync("drafter.shengtai", "问题甲");
        var second = await fixture.NewItemAsync("secretary.shengtai", "问题乙");
        Assert.Matches(@"^STHJ-2026-\d{3}$", first.Code);
        Assert.Equal(first.Sequence + 1, second.Sequence);
        Assert.Equal(RectificationItem.FormatCode("STHJ", 2026, second.Sequence), second.Code);
    }

    // The permission matrix of the ledger: who sees a 市科协 item, and what the others get.
    [Theory]
    [InlineData("drafter.kexie", true)]
    [InlineData("secretary.kexie", true)]
    [InlineData("inspector.team1", true)]
    [InlineData("committee.gongwei", true)]
    [InlineData("drafter.shengtai", false)]
    [InlineData("secretary.haishi", false)]
    [InlineData("inspector.team2", false)]
    [InlineData("admin", false)]
    public async Task Only_users_covering_the_unit_see_its_items(string userName, bool sees)
    {
        var item = await fixture.NewItemAsync("drafter.kexie", "矩阵测试问题" + userName);
        var user = await fixture.UserAsync(userName);
        var ledger = await fixture.LedgerAsync(s => s.LedgerAsync(user, new LedgerFilter()));
        Assert.Equal(sees, ledger.Any(r => r.Id == item.Id));
        if (sees)
            Assert.Equal(item.Code, (await fixture.LedgerAsync(s => s.GetAsync(user, item.Id))).Code);
        else
        {
            var e = await Assert.ThrowsAsync<WorkflowRuleException>(() => fixture.LedgerAsync(s => s.GetAsync(user, item.Id)));
            Assert.Equal(RuleViolation.NotFound, e.Violation);
            e = await Assert.ThrowsAsync<WorkflowRuleException>(() =>
                fixture.CommandsAsync(s => s.StartAsync(user, item.Id)));
            Assert.Equal(RuleViolation.NotFound, e.Violation);
        }
    }

    [Fact]
    public async Task Reviewers_file_items_for_a_covered_unit_only_and_must_name_it()
    {
        var inspector = await fixture.UserAsync("inspector.team1");
        var e = await Assert.ThrowsAsync<WorkflowRuleException>(() => fixture.NewItemAsync("inspector.team1", "无单位"));
        Assert.Equal(("unit-required", "unitId"), (e.Code, e.Field));
        e = await Assert.ThrowsAsync<WorkflowRuleException>(() => fixture.NewItemAsync("inspector.team1", "他组单位", unitId: DemoSeeder.Haishi));
        Assert.Equal(RuleViolation.NotFound, e.Violation);
        var item = await fixture.NewItemAsync("inspector.team1", "监督检查发现的问题", unitId: DemoSeeder.Kexie,
            source: RectificationSource.ReviewOpinion);
        Assert.Equal((RoleNames.DisciplineInspector, DemoSeeder.Kexie), (item.ReviewerRole, item.UnitId));
        Assert.Contains(item.Id, (await fixture.LedgerAsync(s => s.LedgerAsync(inspector, new LedgerFilter()))).Select(r => r.Id));
        e = await Assert.ThrowsAsync<WorkflowRuleException>(() => fixture.NewItemAsync("admin", "管理员不能建"));
        Assert.Equal(RuleViolation.Forbidden, e.Violation);
    }

    [Fact]
    public async Task The_owner_must_be_a_user_of_the_unit()
    {
        var e = await Assert.ThrowsAsync<WorkflowRuleException>(() => fixture.NewItemAsync("drafter.kexie", "问题", owner: "drafter.shengtai"));
        Assert.Equal(("ownerUserName", "责任人“drafter.shengtai”不是本单位的用户。"), (e.Field, e.Message));
        var item = await fixture.NewItemAsync("drafter.kexie", "问题", owner: "secretary.kexie");
        Assert.Equal("李明（市科协党组书记）", item.OwnerName);
    }

    [Fact]
    public async Task A_reviewer_returning_a_report_with_requirements_creates_items_he_closes_in_the_same_commit()
    {
        var reportId = await fixture.ReportIdAsync(DemoSeeder.Haishi, 2026);
        var report = await fixture.ReloadAsync(reportId);
        Assert.Equal(ReportStatus.DisciplineReview, report.Status);
        var inspector = await fixture.UserAsync("inspector.team2");
        await fixture.ReportsAsync(s => s.ReturnAsync(inspector, reportId, "请补充整改措施。", false,
            ["问题查摆不够具体，须逐条列明", " ", "整改措施缺少时限"]));
        var items = await fixture.ReadAsync(db => db.RectificationItems.AsNoTracking().Where(i => i.ReportId == reportId).OrderBy(i => i.Sequence).ToListAsync());
        Assert.Equal(["问题查摆不够具体，须逐条列明", "整改措施缺少时限"], items.Select(i => i.Problem));
        Assert.All(items, i => Assert.Equal((RectificationSource.ReviewOpinion, RoleNames.DisciplineInspector, DemoSeeder.Haishi, 2026),
            (i.Source, i.ReviewerRole, i.UnitId, i.Year)));
        Assert.Equal(ReportStatus.Returned, (await fixture.ReloadAsync(reportId)).Status);
    }

    [Fact]
    public async Task Problems_proposed_from_a_report_become_self_inspection_items_when_confirmed()
    {
        var reportId = await fixture.ReportIdAsync(DemoSeeder.Shengtai, 2026);
        var drafter = await fixture.UserAsync("drafter.shengtai");
        var proposals = await fixture.IntakeAsync(s => s.ProposeAsync(drafter, reportId));
        Assert.Equal(3, proposals.Count);
        Assert.StartsWith("理论学习的系统性还不够强", proposals[0].Problem);
        Assert.StartsWith("深化理论武装", proposals[0].Measures);
        var created = await fixture.IntakeAsync(s => s.CreateFromReportAsync(drafter, reportId,
            proposals.Take(2).Select(p => new ItemInput(null, p.Problem, p.Measures, "陈刚", "办公室", "drafter.shengtai", new DateOnly(2027, 3, 31))).ToList()));
        Assert.Equal(2, created.Count);
        Assert.All(created, i => Assert.Equal((RectificationSource.SelfInspection, reportId), (i.Source, i.ReportId)));

        var outsider = await fixture.UserAsync("drafter.kexie");
        var e = await Assert.ThrowsAsync<WorkflowRuleException>(() => fixture.IntakeAsync(s => s.ProposeAsync(outsider, reportId)));
        Assert.Equal(RuleViolation.NotFound, e.Violation);
    }

    [Fact]
    public async Task Evidence_is_stored_once_by_hash_outside_the_database_and_read_back()
    {
        var item = await fixture.NewItemAsync("drafter.kexie", "佐证测试", owner: "drafter.kexie");
        var drafter = await fixture.UserAsync("drafter.kexie");
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
        var file = await fixture.EvidenceAsync(s => s.AddEvidenceAsync(drafter, item.Id, @"C:\docs\整改报告.pdf", new MemoryStream(pdf)));
        Assert.Equal(("整改报告.pdf", "application/pdf", pdf.Length), (file.FileName, file.ContentType, file.Size));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), file.Sha256);
        Assert.True(File.Exists(Path.Combine(fixture.EvidenceDirectory, file.Sha256[..2], file.Sha256)));

        var committee = await fixture.UserAsync("committee.gongwei");
        var (meta, content) = await fixture.EvidenceAsync(s => s.OpenEvidenceAsync(committee, item.Id, file.Id));
        await using (content)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            Assert.Equal(pdf, copy.ToArray());
        }
        var outsider = await fixture.UserAsync("inspector.team2");
        var e = await Assert.ThrowsAsync<WorkflowRuleException>(() => fixture.EvidenceAsync(s => s.OpenEvidenceAsync(outsider, item.Id, file.Id)));
        Assert.Equal(RuleViolation.NotFound, e.Violation);
        Assert.Equal(meta.Id, file.Id);
    }

    [Theory]
    [InlineData("伪装.pdf", "MZ\u0090\u0000这是一个可执行文件")]
    [InlineData("notes.docx", "just text, not a zip")]
    [InlineData("empty.png", "")]
    public async Task Evidence_of_another_type_than_its_name_claims_is_refused_and_nothing_is_kept(string name, string text)
    {
        var item = await fixture.NewItemAsync("drafter.kexie", "类型测试", owner: "drafter.kexie");
        var drafter = await fixture.UserAsync("drafter.kexie");
        var before = FilesOnDisk();
        var e = await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            fixture.EvidenceAsync(s => s.AddEvidenceAsync(drafter, item.Id, name, new MemoryStream(Encoding.UTF8.GetBytes(text)))));
        Assert.Equal((RuleViolation.Invalid, "file"), (e.Violation, e.Field));
        Assert.Contains(text.Length == 0 ? "空" : "只能上传", e.Message);
        Assert.Equal(before, FilesOnDisk());
        Assert.Empty((await fixture.LedgerAsync(s => s.GetAsync(drafter, item.Id))).Evidence);
    }

    [Fact]
    public async Task Evidence_over_the_size_limit_is_refused_and_a_reviewer_may_not_upload()
    {
        var item = await fixture.NewItemAsync("drafter.kexie", "大小测试", owner: "drafter.kexie");
        var drafter = await fixture.UserAsync("drafter.kexie");
        var big = new byte[RectificationFixture.MaxEvidenceBytes + 1];
        "%PDF-"u8.CopyTo(big);
        var e = await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            fixture.EvidenceAsync(s => s.AddEvidenceAsync(drafter, item.Id, "大文件.pdf", new MemoryStream(big))));
        Assert.Equal(("evidence-too-large", "file"), (e.Code, e.Field));

        var inspector = await fixture.UserAsync("inspector.team1");
        e = await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            fixture.EvidenceAsync(s => s.AddEvidenceAsync(inspector, item.Id, "a.pdf", new MemoryStream("%PDF-1.4"u8.ToArray()))));
        Assert.Equal(RuleViolation.Forbidden, e.Violation);
        Assert.Empty((await fixture.LedgerAsync(s => s.GetAsync(drafter, item.Id))).Evidence);
    }

    [Fact]
    public async Task A_good_sheet_is_imported_whole()
    {
        var secretary = await fixture.UserAsync("secretary.renda");
        var sheet = Sheet(
            ["序号", "问题描述", "整改措施", "责任领导", "责任部门", "责任人", "完成时限"],
            [1, "巡察指出：三重一大制度执行不严格", "修订议事规则", "郑伟", "办公厅", "吴芳（人大机关办公厅）", new DateTime(2027, 6, 30)],
            [2, "干部选拔任用程序不规范", "开展专项检查", "郑伟", "人事处", "drafter.renda", "2027年3月31日"],
            [3, "意识形态工作责任制落实不到位", "", "", "", "", ""]);
        var result = await fixture.IntakeAsync(s => s.ImportAsync(secretary, null, RectificationSource.Inspection, sheet));
        Assert.True(result.Succeeded);
        Assert.Equal(3, result.Imported);
        var ledger = await fixture.LedgerAsync(s => s.LedgerAsync(secretary, new LedgerFilter(Source: RectificationSource.Inspection, Sort: "code")));
        var imported = ledger.Where(r => r.Problem is "巡察指出：三重一大制度执行不严格" or "干部选拔任用程序不规范" or "意识形态工作责任制落实不到位").ToList();
        Assert.Equal(3, imported.Count);
        Assert.Equal(new DateOnly(2027, 6, 30), imported[0].Deadline);
        Assert.Equal("吴芳（人大机关办公厅）", imported[0].OwnerName);
        Assert.Equal(new DateOnly(2027, 3, 31), imported[1].Deadline);
        Assert.Null(imported[2].Deadline);
    }

    [Fact]
    public async Task A_sheet_with_bad_rows_imports_nothing_and_names_every_bad_row()
    {
        var secretary = await fixture.UserAsync("secretary.haishi");
        var before = (await fixture.LedgerAsync(s => s.LedgerAsync(secretary, new LedgerFilter()))).Count;
        var sheet = Sheet(
            ["序号", "问题描述", "整改措施", "责任领导", "责任部门", "责任人", "完成时限"],
            [1, "正常的一行", "措施", "周强", "办公室", "drafter.haishi", "2027-01-31"],
            [2, "", "只有措施没有问题", "", "", "", ""],
            [3, "日期写错了", "", "", "", "", "明年春天"],
            [4, "责任人不是本单位的", "", "", "", "drafter.kexie", ""],
            [5, new string('长', RectificationItem.MaxProblemLength + 1), "", "", "", "", ""]);
        var result = await fixture.IntakeAsync(s => s.ImportAsync(secretary, null, RectificationSource.SpecialCheck, sheet));
        Assert.False(result.Succeeded);
        Assert.Equal(0, result.Imported);
        Assert.Equal([3, 4, 5, 6], result.Errors.Select(e => e.Row));
        Assert.Equal("第3行：问题描述不能为空。", result.Errors[0].Message);
        Assert.Contains("明年春天", result.Errors[1].Message);
        Assert.Contains("drafter.kexie", result.Errors[2].Message);
        Assert.Contains("不能超过", result.Errors[3].Message);
        Assert.Equal(before, (await fixture.LedgerAsync(s => s.LedgerAsync(secretary, new LedgerFilter()))).Count);
    }

    [Fact]
    public async Task A_file_that_is_not_a_workbook_is_refused_on_the_file_field()
    {
        var secretary = await fixture.UserAsync("secretary.haishi");
        var e = await Assert.ThrowsAsync<WorkflowRuleException>(() => fixture.IntakeAsync(s => s.ImportAsync(secretary, null, RectificationSource.Other, new MemoryStream("序号,问题描述\n1,x"u8.ToArray()))));
        Assert.Equal(("import-not-xlsx", "file"), (e.Code, e.Field));
    }

    [Fact]
    public async Task The_export_holds_the_filtered_ledger_cell_by_cell_with_a_frozen_chinese_header()
    {
        var item = await fixture.NewItemAsync("drafter.kexie", "导出测试问题", owner: "drafter.kexie", deadline: new DateOnly(2027, 1, 15));
        var secretary = await fixture.UserAsync("secretary.kexie");
        var drafter = await fixture.UserAsync("drafter.kexie");
        await fixture.CommandsAsync(s => s.StartAsync(drafter, item.Id));
        await fixture.CommandsAsync(s => s.RequestClosureAsync(drafter, item.Id, "已整改完毕"));
        await fixture.CommandsAsync(s => s.ApproveClosureAsync(secretary, item.Id, null));

        var filter = new LedgerFilter(Status: RectificationStatus.Closed);
        var bytes = await fixture.LedgerAsync(s => s.ExportAsync(secretary, filter));
        var expected = await fixture.LedgerAsync(s => s.LedgerAsync(secretary, filter));
        using var book = new XLWorkbook(new MemoryStream(bytes));
        var sheet = book.Worksheet("整改台账");
        Assert.Equal(["序号", "编号", "单位", "来源", "问题描述", "整改措施", "责任领导", "责任部门", "责任人", "完成时限", "状态", "红绿灯",
                "进展", "销号日期"],
            Enumerable.Range(1, 14).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.True(sheet.Column(5).Width >= 40);
        Assert.Equal(expected.Count + 1, sheet.LastRowUsed().RowNumber());
        var row = expected.FindIndex(r => r.Id == item.Id) + 2;
        Assert.Equal(row - 1, sheet.Cell(row, 1).GetValue<int>());
        Assert.Equal(item.Code, sheet.Cell(row, 2).GetString());
        Assert.Equal("市科协", sheet.Cell(row, 3).GetString());
        Assert.Equal("巡视巡察", sheet.Cell(row, 4).GetString());
        Assert.Equal("导出测试问题", sheet.Cell(row, 5).GetString());
        Assert.Equal("制定整改方案", sheet.Cell(row, 6).GetString());
        Assert.Equal("李明（市科协党组书记）", sheet.Cell(row, 7).GetString());
        Assert.Equal("办公室", sheet.Cell(row, 8).GetString());
        Assert.Equal("王丽（市科协办公室）", sheet.Cell(row, 9).GetString());
        Assert.Equal(new DateTime(2027, 1, 15), sheet.Cell(row, 10).GetDateTime());
        Assert.Equal("已销号", sheet.Cell(row, 11).GetString());
        Assert.Equal("灰", sheet.Cell(row, 12).GetString());
        Assert.Equal("已整改完毕", sheet.Cell(row, 13).GetString());
        Assert.Equal(new DateTime(2026, 11, 25), sheet.Cell(row, 14).GetDateTime());
        Assert.All(Enumerable.Range(2, expected.Count), r => Assert.Equal("已销号", sheet.Cell(r, 11).GetString()));
    }

    [Fact]
    public async Task The_export_shows_the_pages_traffic_light_and_latest_progress_and_prints_on_a4_landscape()
    {
        var unassigned = await fixture.NewItemAsync("drafter.kexie", "导出待指定问题");
        var late = await fixture.NewItemAsync("drafter.kexie", "导出逾期问题", owner: "drafter.kexie", deadline: new DateOnly(2026, 11, 1));
        var secretary = await fixture.UserAsync("secretary.kexie");
        var drafter = await fixture.UserAsync("drafter.kexie");
        await fixture.CommandsAsync(s => s.StartAsync(drafter, late.Id));
        await fixture.CommandsAsync(s => s.RequestExtensionAsync(drafter, late.Id, new DateOnly(2026, 11, 5), "等待审计结论"));

        var bytes = await fixture.LedgerAsync(s => s.ExportAsync(secretary, new LedgerFilter()));
        var rows = await fixture.LedgerAsync(s => s.LedgerAsync(secretary, new LedgerFilter()));
        using var book = new XLWorkbook(new MemoryStream(bytes));
        var sheet = book.Worksheet("整改台账");
        string Cell(Guid id, int column) => sheet.Cell(rows.FindIndex(r => r.Id == id) + 2, column).GetString();
        Assert.Equal(("待指定", TrafficLight.Unassigned), (Cell(unassigned.Id, 12), rows.Single(r => r.Id == unassigned.Id).Light));
        Assert.Equal("", Cell(unassigned.Id, 13));
        Assert.Equal(("红", "申请延期至2026-11-05：等待审计结论"), (Cell(late.Id, 12), Cell(late.Id, 13)));

        Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
        Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
        Assert.Equal((1, 0), (sheet.PageSetup.PagesWide, sheet.PageSetup.PagesTall));
        Assert.Equal((1, 1), (sheet.PageSetup.FirstRowToRepeatAtTop, sheet.PageSetup.LastRowToRepeatAtTop));
    }

    [Fact]
    public async Task The_summary_counts_closed_overdue_and_rework_per_unit()
    {
        var drafter = await fixture.UserAsync("drafter.renda");
        var secretary = await fixture.UserAsync("secretary.renda");
        var committee = await fixture.UserAsync("committee.gongwei");
        var before = (await fixture.LedgerAsync(s => s.SummaryAsync(committee))).Single(u => u.UnitId == DemoSeeder.Renda);
        var overdue = await fixture.NewItemAsync("drafter.renda", "已逾期", deadline: new DateOnly(2026, 11, 1));
        var reworked = await fixture.NewItemAsync("drafter.renda", "二次整改后销号", deadline: new DateOnly(2026, 10, 1));
        await fixture.CommandsAsync(s => s.StartAsync(drafter, reworked.Id));
        await fixture.CommandsAsync(s => s.RequestClosureAsync(drafter, reworked.Id, "已整改"));
        await fixture.CommandsAsync(s => s.RejectClosureAsync(secretary, reworked.Id, "佐证不足"));
        await fixture.CommandsAsync(s => s.RequestClosureAsync(drafter, reworked.Id, "补充材料"));
        await fixture.CommandsAsync(s => s.ApproveClosureAsync(secretary, reworked.Id, ""));
        var after = (await fixture.LedgerAsync(s => s.SummaryAsync(committee))).Single(u => u.UnitId == DemoSeeder.Renda);
        Assert.Equal((before.Total + 2, before.Closed + 1, before.Overdue + 1, before.Rework + 1),
            (after.Total, after.Closed, after.Overdue, after.Rework));
        var ledger = await fixture.LedgerAsync(s => s.LedgerAsync(drafter, new LedgerFilter(Overdue: true)));
        Assert.Contains(overdue.Id, ledger.Select(r => r.Id));
        Assert.DoesNotContain(reworked.Id, ledger.Select(r => r.Id));
        Assert.All(ledger, r => Assert.Equal(TrafficLight.Red, r.Light));
    }

    [Fact]
    public async Task The_demo_ledger_shows_every_colour_of_the_traffic_light_and_the_extracted_problems_of_last_years_report()
    {
        var committee = await fixture.UserAsync("committee.gongwei");
        var ledger = await fixture.LedgerAsync(s => s.LedgerAsync(committee, new LedgerFilter(Sort: "light")));
        var demo = ledger.Where(r => r.Code.StartsWith("KX-2025-") || r.Code is "RDJG-2026-001" or "RDJG-2026-002").ToList();
        Assert.Equal(["KX-2025-001", "KX-2025-002", "KX-2025-003", "RDJG-2026-001", "RDJG-2026-002"], demo.Select(r => r.Code).Order());
        Assert.Equal([TrafficLight.Red, TrafficLight.Yellow, TrafficLight.Green, TrafficLight.Green, TrafficLight.Grey], demo.Select(r => r.Light));
        Assert.Contains(demo, r => r.Status == RectificationStatus.LongTerm);
        Assert.Contains(demo, r => r.Status == RectificationStatus.ClosureRequested);
        Assert.All(demo.Where(r => r.UnitId == DemoSeeder.Kexie), r => Assert.Equal(RectificationSource.SelfInspection, r.Source));
    }

    private List<string> FilesOnDisk() =>
        Directory.Exists(fixture.EvidenceDirectory)
            ? Directory.GetFiles(fixture.EvidenceDirectory, "*", SearchOption.AllDirectories).Order().ToList()
            : [];

    private static MemoryStream Sheet(params object[][] rows)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add("台账");
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
                sheet.Cell(r + 1, c + 1).Value = rows[r][c];
        var stream = new MemoryStream();
        book.SaveAs(stream);
        stream.Position = 0;
        return stream;
    }
}
