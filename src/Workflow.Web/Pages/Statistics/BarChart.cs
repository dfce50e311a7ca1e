using System.Globalization;

namespace Workflow.Web.Pages.Statistics;

/// <summary>One series of a bar chart: its name (in the legend and beside every bar, so colour is never the only cue) and its style.</summary>
public sealed record BarSeries(string Name, string CssClass);

/// <summary>One group of bars (a step, a unit, a year): a value per series and the text written beside each bar.</summary>
public sealed record BarGroup(string Label, IReadOnlyList<double?> Values, IReadOnlyList<string> Texts);

/// <summary>
/// A horizontal bar chart drawn on the server as SVG (Pages/Statistics/_BarChart.cshtml). It is narrow by design (a 400-unit
/// viewBox, each group's label on its own line above its bars), so it scales down to a 390 px phone with its text still readable.
/// </summary>
public sealed class BarChart(string id, string title, IReadOnlyList<BarSeries> series, IReadOnlyList<BarGroup> groups, double? max = null)
{
    public const int Width = 400, BarArea = 250, LegendHeight = 26, LabelHeight = 20, BarHeight = 16, BarGap = 4, GroupGap = 10;

    public string Id { get; } = id;
    public string Title { get; } = title;
    public IReadOnlyList<BarSeries> Series { get; } = series;
    public IReadOnlyList<BarGroup> Groups { get; } = groups;

    /// <summary>The numbers in words, for the SVG's desc: what a screen reader announces besides the table below.</summary>
    public string Description => Groups.Count == 0
        ? "没有数据。"
        : string.Join("；", Groups.Select(g => g.Label + "：" + string.Join("，", Series.Select((s, i) => $"{s.Name}{g.Texts[i]}")))) + "。";

    private double Max => max ?? Math.Max(1, Groups.SelectMany(g => g.Values).Max(v => v ?? 0));

    private int GroupHeight => LabelHeight + Series.Count * (BarHeight + BarGap) + GroupGap;

    public int Height => LegendHeight + Math.Max(1, Groups.Count) * GroupHeight;

    public int LabelY(int group) => LegendHeight + group * GroupHeight + LabelHeight - 5;

    public int BarY(int group, int series) => LegendHeight + group * GroupHeight + LabelHeight + series * (BarHeight + BarGap);

    /// <summary>A bar's length; a value of 0 (or none) still shows a hairline, so the bar's text has something to sit beside.</summary>
    public string BarWidth(double? value) => Format(Math.Max(1, (value ?? 0) / Max * BarArea));

    public string TextX(double? value) => Format(Math.Max(1, (value ?? 0) / Max * BarArea) + 6);

    public static string Format(double number) => number.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A rate for display: "33.3%", or "—" when there was nothing to divide.</summary>
    public static string Percent(double? rate) => rate is { } r ? Format(r) + "%" : "—";

    /// <summary>A number of working days for display, or "—".</summary>
    public static string Days(double? days) => days is { } d ? Format(d) : "—";
}
