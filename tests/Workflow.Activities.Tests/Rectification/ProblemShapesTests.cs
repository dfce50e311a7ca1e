using Workflow.Activities.Rectification;

namespace Workflow.Activities.Tests.Rectification;

/// <summary>
/// Problems found wherever a report writes them, on texts written for these tests in the manner of the real reports
/// (one paragraph a line): inside a self-criticism paragraph, under a heading, on item lines, in every numbering style,
/// and nothing from reports that list nothing, from achievements that enumerate, from the next steps or from headings.
/// </summary>
public sealed class ProblemShapesTests
{
    private static string Report(params string[] paragraphs) => string.Join("\n", paragraphs);

    private const string Title = "中共市水务局党组关于2024年度落实全面从严治党主体责任情况的报告";
    private const string Opening = "2024年，局党组坚持以习近平新时代中国特色社会主义思想为指导，认真落实全面从严治党主体责任，现将有关情况报告如下。";

    // Achievements that enumerate, some in words about problems: none of them is a proposal.
    private static readonly string[] Achievements =
    [
        "一、履行主体责任情况",
        "（一）加强政治建设。局党组全年召开党组会议专题研究全面从严治党工作6次，一是制定主体责任清单，二是开展专题学习，三是落实“第一议题”制度。",
        "（二）深化正风肃纪。针对巡察反馈的问题，一是建立整改台账，二是逐项对账销号，三是开展“回头看”。",
        "针对巡察反馈存在的问题，局党组召开专题民主生活会，一是逐条认领，二是明确时限。",
        "一年来，党组着力补齐基层党建短板，一是开展支部标准化建设，二是选优配强支部书记。",
    ];

    [Fact]
    public void A_self_criticism_paragraph_before_the_next_steps_gives_one_problem_per_item_paired_with_its_measure()
    {
        var text = Report([Title, Opening, .. Achievements,
            "二、存在的不足和下一步打算",
            "一年来，我们的工作取得了一定成效，但对照新时代党的建设总要求，还存在一定差距。一是理论学习的系统性不够，学用结合还不紧密。二是基层党组织建设不平衡，个别支部“三会一课”质量不高。三是水利工程建设领域廉政风险防控还存在薄弱环节。",
            "下一步，局党组将坚持问题导向，持续推进全面从严治党向纵深发展。一是完善党组理论学习中心组学习制度，推动学用结合。二是开展支部建设提升行动，规范“三会一课”。三是健全工程建设领域廉政风险防控机制，加强日常监督。",
            "中共市水务局党组",
            "2025年1月10日"]);

        var found = ProblemExtractor.Read(text);

        Assert.Equal((ProblemShape.Paragraph, MeasurePairing.Paired), (found.Shape, found.Pairing));
        Assert.Equal(["理论学习的系统性不够，学用结合还不紧密。", "基层党组织建设不平衡，个别支部“三会一课”质量不高。",
            "水利工程建设领域廉政风险防控还存在薄弱环节。"], found.Proposals.Select(p => p.Problem));
        Assert.Equal(["完善党组理论学习中心组学习制度，推动学用结合。", "开展支部建设提升行动，规范“三会一课”。",
            "健全工程建设领域廉政风险防控机制，加强日常监督。"], found.Proposals.Select(p => p.Measures));
        Assert.Equal([1, 2, 3], found.Proposals.Select(p => p.Number));
        Assert.Empty(found.Unlisted);
    }

    [Fact]
    public void Problems_in_the_same_paragraph_as_the_next_steps_stop_where_they_begin()
    {
        var text = Report(Title, Opening,
            "在肯定成绩的同时，我们也清醒认识到工作中存在的问题和不足，一是运用党的创新理论指导实践的能力还有欠缺，二是压力传导还存在层层递减。针对上述问题，我们将一是深化理论武装，二是压紧压实责任链条。");

        var found = ProblemExtractor.Read(text);

        Assert.Equal(["运用党的创新理论指导实践的能力还有欠缺", "压力传导还存在层层递减。"], found.Proposals.Select(p => p.Problem));
        Assert.Equal(["深化理论武装", "压紧压实责任链条。"], found.Proposals.Select(p => p.Measures));
    }

    [Fact]
    public void Items_on_their_own_lines_under_a_heading_are_numbered_1_and_paired_with_the_measures_heading()
    {
        var text = Report("市文旅局党组2024年落实全面从严治党主体责任情况报告",
            "一、工作开展情况",
            "1.压紧压实责任。党组书记履行第一责任人职责，班子成员落实“一岗双责”。",
            "2.加强监督执纪。全年开展谈话提醒15人次。",
            "二、存在的主要问题",
            "对照上级要求和群众期盼，我局全面从严治党工作还有一些不足，主要表现在：",
            "1、政治理论学习不够系统，以学促干成效不明显；",
            "2、“一岗双责”落实不平衡，少数班子成员抓分管领域党风廉政建设不够主动；",
            "3、文旅项目资金监管还有薄弱环节。",
            "三、下一步工作打算",
            "1、健全理论学习制度，每季度开展一次专题研讨；",
            "2、开展班子成员履行“一岗双责”情况专项检查；",
            "3、完善项目资金全过程监管机制。",
            "以上报告，请审阅。");

        var found = ProblemExtractor.Read(text);

        Assert.Equal((ProblemShape.Heading, MeasurePairing.Paired), (found.Shape, found.Pairing));
        Assert.Equal(["政治理论学习不够系统，以学促干成效不明显", "“一岗双责”落实不平衡，少数班子成员抓分管领域党风廉政建设不够主动",
            "文旅项目资金监管还有薄弱环节。"], found.Proposals.Select(p => p.Problem));
        Assert.Equal(["健全理论学习制度，每季度开展一次专题研讨", "开展班子成员履行“一岗双责”情况专项检查", "完善项目资金全过程监管机制。"],
            found.Proposals.Select(p => p.Measures));
    }

    [Fact]
    public void Items_on_lines_after_a_self_criticism_paragraph_are_found_without_a_heading()
    {
        var text = Report([Title, Opening, .. Achievements,
            "但也要看到，与全面从严治党的新要求相比，我们仍存在一些差距：",
            "一是少数党员干部纪律意识不强，执行请示报告制度不够严格。",
            "二是廉政风险点排查还不够全面。",
            "今后，我们将着力抓好以下工作：",
            "一是严明纪律规矩，开展请示报告制度执行情况检查。",
            "二是全面梳理廉政风险点，建立动态更新机制。"]);

        var found = ProblemExtractor.Read(text);

        Assert.Equal(["少数党员干部纪律意识不强，执行请示报告制度不够严格。", "廉政风险点排查还不够全面。"], found.Proposals.Select(p => p.Problem));
        Assert.Equal(["严明纪律规矩，开展请示报告制度执行情况检查。", "全面梳理廉政风险点，建立动态更新机制。"], found.Proposals.Select(p => p.Measures));
    }

    [Fact]
    public void Parenthesised_numerals_inside_a_paragraph_pair_with_a_measures_heading()
    {
        var text = Report(Title, Opening,
            "二、存在的问题",
            "经过认真查摆，主要存在以下问题：（一）落实民主集中制还不够规范，个别事项会前酝酿不充分；（二）对下属单位监督还有薄弱环节。",
            "三、整改措施",
            "（一）严格执行党组议事规则，重大事项会前充分酝酿。",
            "（二）建立对下属单位的常态化监督机制。");

        var found = ProblemExtractor.Read(text);

        Assert.Equal(["落实民主集中制还不够规范，个别事项会前酝酿不充分", "对下属单位监督还有薄弱环节。"], found.Proposals.Select(p => p.Problem));
        Assert.Equal(["严格执行党组议事规则，重大事项会前充分酝酿。", "建立对下属单位的常态化监督机制。"], found.Proposals.Select(p => p.Measures));
    }

    [Fact]
    public void On_the_one_hand_and_on_the_other_are_two_problems()
    {
        var text = Report(Title, Opening,
            "我们也清醒地看到，工作中还存在不足：一方面，基层支部书记抓党建的能力参差不齐；另一方面，党建与业务融合的载体还不够多。",
            "针对上述问题，我们将一方面加强支部书记培训，另一方面创新党建与业务融合载体。");

        var found = ProblemExtractor.Read(text);

        Assert.Equal(["基层支部书记抓党建的能力参差不齐", "党建与业务融合的载体还不够多。"], found.Proposals.Select(p => p.Problem));
        Assert.Equal(["加强支部书记培训", "创新党建与业务融合载体。"], found.Proposals.Select(p => p.Measures));
        Assert.Equal(MeasurePairing.Paired, found.Pairing);
    }

    [Fact]
    public void Circled_numbers_with_fewer_measures_are_proposed_unpaired_and_the_measures_kept_for_reference()
    {
        var text = Report(Title, Opening,
            "同时也要看到，我们的工作与党中央要求相比仍有差距：①理论学习有“学用两张皮”现象；②违反中央八项规定精神问题仍有发生；③干部队伍年龄结构老化。",
            "今后，我们将：①深化学用结合；②持续纠治“四风”。");

        var found = ProblemExtractor.Read(text);

        Assert.Equal(3, found.Proposals.Count);
        Assert.Equal("干部队伍年龄结构老化。", found.Proposals[2].Problem);
        Assert.Equal(MeasurePairing.CountMismatch, found.Pairing);
        Assert.All(found.Proposals, p => Assert.Equal("", p.Measures));
        Assert.Equal(["深化学用结合", "持续纠治“四风”。"], found.Measures);
    }

    [Fact]
    public void A_skipped_number_is_not_paired_even_when_the_counts_agree()
    {
        var text = Report(Title, Opening,
            "对照要求，我们还存在一些问题。一是学习不够深入。二是监督不够有力。四是作风不够扎实。",
            "下一步，一是深化学习。二是强化监督。三是改进作风。");

        var found = ProblemExtractor.Read(text);

        Assert.Equal(["学习不够深入。", "监督不够有力。", "作风不够扎实。"], found.Proposals.Select(p => p.Problem));
        Assert.Equal(MeasurePairing.NumberingMismatch, found.Pairing);
        Assert.All(found.Proposals, p => Assert.Equal("", p.Measures));
    }

    [Fact]
    public void Arabic_items_in_a_paragraph_with_an_empty_next_steps_part_have_no_measures()
    {
        var text = Report(Title, Opening,
            "当前，我局全面从严治党工作还存在以下不足：1.主体责任传导不够到位；2.日常监督的精准性有待提高。",
            "下一步，我们将持之以恒推进全面从严治党。");

        var found = ProblemExtractor.Read(text);

        Assert.Equal(["主体责任传导不够到位", "日常监督的精准性有待提高。"], found.Proposals.Select(p => p.Problem));
        Assert.Equal(MeasurePairing.NoMeasures, found.Pairing);
        Assert.Empty(found.Measures);
    }

    [Fact]
    public void Mixed_report_heading_with_an_inline_list_and_sub_numbers_inside_items()
    {
        var text = Report([Title, Opening, .. Achievements,
            "四、存在的问题",
            "今年，局党组全面从严治党工作虽有成效，但从严管党治党还有不足。一是监督执纪“四种形态”运用不够精准，1.第一种形态运用偏少；2.谈话提醒针对性不强。二是制度执行不够严格。",
            "五、下一步打算",
            "一是精准运用“四种形态”。",
            "二是抓好制度执行。"]);

        var found = ProblemExtractor.Read(text);

        Assert.Equal(ProblemShape.Heading, found.Shape);
        Assert.Equal(2, found.Proposals.Count);
        Assert.Equal("监督执纪“四种形态”运用不够精准，1.第一种形态运用偏少；2.谈话提醒针对性不强。", found.Proposals[0].Problem);
        Assert.Equal(["精准运用“四种形态”。", "抓好制度执行。"], found.Proposals.Select(p => p.Measures));
    }

    [Fact]
    public void A_paragraph_that_only_admits_shortcomings_proposes_nothing_and_is_noted()
    {
        var text = Report([Title, Opening, .. Achievements,
            "过去一年，虽然取得了一些成绩，但在抓基层党建创新等方面还有一定不足。2025年，我们将继续坚持以习近平新时代中国特色社会主义思想为指导，一是抓好理论武装，二是抓好作风建设。"]);

        var found = ProblemExtractor.Read(text);

        Assert.Empty(found.Proposals);
        var remark = Assert.Single(found.Unlisted);
        Assert.Equal("过去一年，虽然取得了一些成绩，但在抓基层党建创新等方面还有一定不足。", remark.Excerpt);
    }

    [Fact]
    public void A_problems_heading_with_nothing_under_it_proposes_nothing_and_is_noted()
    {
        var text = Report(Title, Opening, "二、存在的问题", "三、下一步打算", "一是加强学习。二是强化监督。");

        var found = ProblemExtractor.Read(text);

        Assert.Empty(found.Proposals);
        Assert.Equal("二、存在的问题", Assert.Single(found.Unlisted).Excerpt);
    }

    [Fact]
    public void Achievements_next_steps_and_headings_that_enumerate_propose_nothing()
    {
        var text = Report([Title, Opening, .. Achievements,
            "二、下一步打算",
            "下一步，针对存在的不足，一是加强理论学习，二是强化监督执纪。",
            "今后，我们将着力解决存在的问题，一是健全制度，二是狠抓落实。",
            "（一）存在的问题整改",
            "（二）问题清单管理"]);

        var found = ProblemExtractor.Read(text);

        Assert.Empty(found.Proposals);
        Assert.Equal(ProblemShape.None, found.Shape);
    }

    [Fact]
    public void The_list_right_before_the_next_steps_wins_over_an_earlier_admission_with_a_list()
    {
        var text = Report(Title, Opening,
            "上年度考核中发现的不足，一是台账不规范，二是报送不及时，均已整改到位。",
            "一年来，各项工作取得新成效。",
            "对照要求，我们还存在一些差距，一是调查研究不够深入，二是干部培训覆盖面不广。",
            "下一步，一是深化调查研究，二是扩大培训覆盖面。");

        var found = ProblemExtractor.Read(text);

        Assert.Equal(["调查研究不够深入", "干部培训覆盖面不广。"], found.Proposals.Select(p => p.Problem));
        Assert.Equal(MeasurePairing.Paired, found.Pairing);
    }
}
