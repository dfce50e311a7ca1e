using System.Text.Json;

namespace Workflow.Web.Tests.Fuzz;

/// <summary>Who sends a fuzzed request: nobody, or a demo user on 市科协's route (the admin covers no unit).</summary>
public enum FuzzRole { Anonymous, Drafter, Secretary, Inspector, Committee, Admin }

/// <summary>
/// Real ids for valid-looking requests to aim at: reports, items and evidence of the callers' unit (市科协) and of units only
/// the committee covers, read from the list endpoints at the start and added to as the run creates more.
/// </summary>
public sealed class FuzzTargets
{
    public const string OwnUnitName = "市科协";

    /// <summary>Kept small so a long run does not aim ever more requests at what it created itself.</summary>
    private const int MaxPerList = 100;

    public static readonly IReadOnlyDictionary<FuzzRole, string> UserNames = new Dictionary<FuzzRole, string>
    {
        [FuzzRole.Drafter] = "drafter.kexie",
        [FuzzRole.Secretary] = "secretary.kexie",
        [FuzzRole.Inspector] = "inspector.team1",
        [FuzzRole.Committee] = "committee.gongwei",
        [FuzzRole.Admin] = "admin",
    };

    public List<Guid> OwnReports { get; } = [];
    public List<Guid> OtherReports { get; } = [];
    public List<Guid> OwnItems { get; } = [];
    public List<Guid> OtherItems { get; } = [];
    public List<(Guid Item, Guid File)> Evidence { get; } = [];
    public Guid OwnUnit { get; set; }
    public Guid OtherUnit { get; set; }

    /// <summary>Reads the committee's view of reports and items (every demo unit).</summary>
    public void AddReports(JsonElement list)
    {
        foreach (var report in list.EnumerateArray())
            Add(report.GetProperty("unitName").GetString() == OwnUnitName ? OwnReports : OtherReports, report.GetProperty("id").GetGuid());
    }

    public void AddItems(JsonElement list)
    {
        foreach (var item in list.EnumerateArray()) AddItem(item);
    }

    /// <summary>Remembers what a successful request created, so later requests aim at it (its evidence can be downloaded, …).</summary>
    public void Harvest(FuzzRequest request, JsonElement created)
    {
        if (created.ValueKind != JsonValueKind.Object) return;
        if (created.TryGetProperty("url", out var url) && url.GetString() is { } link && link.Split('/') is [_, "api", "rectifications", var item, "evidence", var file]
            && Guid.TryParse(item, out var itemId) && Guid.TryParse(file, out var fileId))
            Add(Evidence, (itemId, fileId));
        else if (request.Url.StartsWith("/api/rectifications", StringComparison.Ordinal) && created.TryGetProperty("code", out _))
            AddItem(created);
        else if (request.Url.StartsWith("/api/reports", StringComparison.Ordinal) && created.TryGetProperty("unitName", out var unit)
                 && created.TryGetProperty("id", out var id))
            Add(unit.GetString() == OwnUnitName ? OwnReports : OtherReports, id.GetGuid());
    }

    private void AddItem(JsonElement item)
    {
        var own = item.GetProperty("unitName").GetString() == OwnUnitName;
        Add(own ? OwnItems : OtherItems, item.GetProperty("id").GetGuid());
        var unit = item.GetProperty("unitId").GetGuid();
        if (own) OwnUnit = unit;
        else if (OtherUnit == Guid.Empty) OtherUnit = unit;
        if (item.TryGetProperty("evidence", out var evidence))
            foreach (var file in evidence.EnumerateArray())
                Add(Evidence, (item.GetProperty("id").GetGuid(), file.GetProperty("id").GetGuid()));
    }

    private static void Add<T>(List<T> list, T value)
    {
        if (list.Contains(value)) return;
        if (list.Count == MaxPerList) list.RemoveAt(0);
        list.Add(value);
    }
}
