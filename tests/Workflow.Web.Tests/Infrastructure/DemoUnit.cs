namespace Workflow.Web.Tests.Infrastructure;

/// <summary>A demo agency with the users who work on its reports (see DemoSeeder).</summary>
public sealed record DemoUnit(string Key, string Name, string Inspector)
{
    public static readonly DemoUnit Kexie = new("kexie", "市科协", "inspector.team1");
    public static readonly DemoUnit Shengtai = new("shengtai", "生态环境局", "inspector.team1");
    public static readonly DemoUnit Haishi = new("haishi", "市海事法院", "inspector.team2");
    public static readonly DemoUnit Renda = new("renda", "市人大常委会机关", "inspector.team2");

    public const string Committee = "committee.gongwei";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<DemoUnit> All = [Kexie, Shengtai, Haishi, Renda];

    public string Drafter => $"drafter.{Key}";
    public string Secretary => $"secretary.{Key}";

    public override string ToString() => Key;
}
