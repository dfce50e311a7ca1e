using Workflow.Activities.Rectification;

namespace Workflow.Host.Seeding;

/// <summary>Short demo report texts written for this product (not copied from real reports).</summary>
public static class DemoTexts
{
    public static string Body(string partyGroup, int year, bool placeholders)
    {
        var count = placeholders ? "xx" : "12";
        var date = placeholders ? "X月X日" : "3月15日";
        return string.Join('\n',
            $"{year}年，{partyGroup}坚持以习近平新时代中国特色社会主义思想为指导，深刻领悟“两个确立”的决定性意义，坚决做到“两个维护”，认真落实全面从严治党主体责任。现将有关情况报告如下。",
            "一、履行主体责任情况",
            $"（一）强化政治引领。党组全年召开会议{count}次专题研究全面从严治党工作，{date}召开全面从严治党工作会议，制定主体责任清单、任务清单和问题清单。",
            "（二）压实“一岗双责”。党组书记履行第一责任人职责，班子成员对分管领域党风廉政建设负直接领导责任，层层签订责任书。",
            "（三）加强监督执纪。支持派驻纪检监察组开展监督，精准运用监督执纪“四种形态”，全年运用第一种形态开展谈话提醒。",
            "二、存在的问题",
            "一是理论学习的系统性还不够强，个别支部学用结合不紧密；二是主体责任压力传导存在层层递减现象，基层支部落实不够到位；三是对重点岗位廉政风险排查不够深入，日常监督还有薄弱环节。",
            "三、下一步打算",
            "一是深化理论武装，完善党组理论学习中心组学习制度；二是压紧压实责任链条，开展主体责任落实情况“回头看”；三是健全廉政风险防控机制，加强对重点岗位的日常监督。");
    }

    public const string ReturnComment = "“存在的问题”只写了原则性表述，请结合统计督察反馈逐条列明问题，并补充第一种形态运用的具体数据。";

    public const string RejectClosureComment = "佐证材料只有制度文本，缺少数据复核记录，请补充后重新申请销号（二次整改）。";

    /// <summary>市统计局's ledger: a 巡察 item whose closure was rejected, a 专项检查 item with an extension request, a long-term item.</summary>
    public static IEnumerable<(string Category, RectificationSource Source, string Problem, string Measures)> TongjiLedger(int year) =>
    [
        ("巡察反馈", RectificationSource.Inspection, "巡察指出：统计数据质量管控机制不健全，个别数据核查不到位", "制定数据质量核查办法，开展数据复核"),
        ("专项检查", RectificationSource.SpecialCheck, $"{year}年统计执法专项检查发现部门间数据共享不及时", "建立部门数据共享机制，接入市数据共享平台"),
        ("年度报告自查", RectificationSource.SelfInspection, "防范和惩治统计造假、弄虚作假责任落实不够到位", "完善防范统计造假责任制，定期开展评估"),
    ];
}
