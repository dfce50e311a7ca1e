namespace Workflow.Activities.Calendar;

/// <summary>Reads the published holiday arrangement shipped with the product (date,kind,name lines).</summary>
public static class CalendarSeed
{
    public const string OfficialResource = "Workflow.Activities.Calendar.cn-official-2024-2026.csv";

    /// <summary>The 2024–2026 official arrangement embedded in this assembly.</summary>
    public static IReadOnlyList<CalendarDay> Official()
    {
        using var stream = typeof(CalendarSeed).Assembly.GetManifestResourceStream(OfficialResource)
                           ?? throw new InvalidOperationException($"Embedded resource {OfficialResource} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    public static IReadOnlyList<CalendarDay> Parse(TextReader reader)
    {
        var days = new List<CalendarDay>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(',', 3);
            if (parts.Length != 3 || !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", out var date)
                                  || !Enum.TryParse<DayKind>(parts[1], out var kind))
                throw new FormatException($"Line {lineNumber}: expected 'yyyy-MM-dd,Holiday|MakeUpWorkday,name' but found '{line}'.");
            days.Add(new CalendarDay(date, kind, parts[2].Trim()));
        }
        return days;
    }
}
