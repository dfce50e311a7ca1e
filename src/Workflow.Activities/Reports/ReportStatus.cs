using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Workflow.Activities.Routes;

namespace Workflow.Activities.Reports;

/// <summary>
/// Where a report stands: one of the three fixed states (Draft, Returned, Approved) or, in review, the key of its current route
/// step. Stored and sent as that text ("SecretaryReview"), so the keys of the standard route stay what the enum stored.
/// </summary>
[JsonConverter(typeof(ReportStatusJsonConverter))]
[TypeConverter(typeof(ReportStatusTypeConverter))]
public readonly partial struct ReportStatus : IEquatable<ReportStatus>, IParsable<ReportStatus>
{
    /// <summary>The longest key; the columns holding a status are this wide.</summary>
    public const int MaxKeyLength = 40;

    private readonly string? _key;

    public ReportStatus(string key)
    {
        if (!IsValidKey(key)) throw new ArgumentException($"Not a status key: {key}", nameof(key));
        _key = key;
    }

    /// <summary>The stable key; the default value is Draft, as the enum's first member was.</summary>
    public string Key => _key ?? nameof(Draft);

    public static ReportStatus Draft { get; } = new(nameof(Draft));
    public static ReportStatus SecretaryReview { get; } = new(nameof(SecretaryReview));
    public static ReportStatus DisciplineReview { get; } = new(nameof(DisciplineReview));
    public static ReportStatus CommitteeReview { get; } = new(nameof(CommitteeReview));
    public static ReportStatus Returned { get; } = new(nameof(Returned));
    public static ReportStatus Approved { get; } = new(nameof(Approved));

    /// <summary>The states of the standard route in route order: the statuses every installation knows.</summary>
    public static IReadOnlyList<ReportStatus> Standard { get; } =
        [Draft, SecretaryReview, DisciplineReview, CommitteeReview, Returned, Approved];

    /// <summary>A step key: a letter, then letters or digits, 2–40 characters in all.</summary>
    public static bool IsValidKey([NotNullWhen(true)] string? key) => key is not null && KeyPattern().IsMatch(key);

    /// <summary>Whether <paramref name="key"/> may name a review step: a valid key that is not one of the fixed states.</summary>
    public static bool IsStepKey([NotNullWhen(true)] string? key) =>
        IsValidKey(key) && key is not (nameof(Draft) or nameof(Returned) or nameof(Approved));

    /// <summary>True while the report waits at a review step, whatever the step's key.</summary>
    public bool IsReview() => IsStepKey(Key);

    public bool Equals(ReportStatus other) => string.Equals(Key, other.Key, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is ReportStatus other && Equals(other);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);
    public override string ToString() => Key;

    /// <summary>A status from its key (theory data, configuration); throws on a text that is no key.</summary>
    public static explicit operator ReportStatus(string key) => new(key);

    public static bool operator ==(ReportStatus left, ReportStatus right) => left.Equals(right);
    public static bool operator !=(ReportStatus left, ReportStatus right) => !left.Equals(right);

    public static ReportStatus Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, provider, out var result) ? result : throw new FormatException($"Not a status key: {s}");

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ReportStatus result)
    {
        result = default;
        if (!IsValidKey(s)) return false;
        result = new ReportStatus(s);
        return true;
    }

    public static bool TryParse([NotNullWhen(true)] string? s, out ReportStatus result) => TryParse(s, null, out result);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{1,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}

/// <summary>Chinese labels for statuses.</summary>
public static class ReportStatusLabels
{
    /// <summary>The label without a route: fixed states and the standard steps by name, any other step by its key.</summary>
    public static string Label(this ReportStatus status) => status.Key switch
    {
        nameof(ReportStatus.Draft) => "草稿",
        nameof(ReportStatus.SecretaryReview) => "党组书记审核",
        nameof(ReportStatus.DisciplineReview) => "纪检监察组审核",
        nameof(ReportStatus.CommitteeReview) => "市直机关工委审核",
        nameof(ReportStatus.Returned) => "已退回",
        nameof(ReportStatus.Approved) => "已通过",
        var key => key,
    };

    /// <summary>The label on <paramref name="route"/>: a review step is called by its step name there.</summary>
    public static string Label(this ReportStatus status, RouteDefinition? route) =>
        status.IsReview() && route?.StepFor(status) is { } step ? step.Name : status.Label();
}

/// <summary>JSON: the key as a string, as the enum was written.</summary>
public sealed class ReportStatusJsonConverter : JsonConverter<ReportStatus>
{
    public override ReportStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && ReportStatus.TryParse(reader.GetString(), out var status)
            ? status
            : throw new JsonException("A status is a step key such as \"SecretaryReview\".");

    public override void Write(Utf8JsonWriter writer, ReportStatus value, JsonSerializerOptions options) => writer.WriteStringValue(value.Key);

    public override ReportStatus ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReportStatus.TryParse(reader.GetString(), out var status) ? status : throw new JsonException("Not a status key.");

    public override void WriteAsPropertyName(Utf8JsonWriter writer, ReportStatus value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Key);
}

/// <summary>Model binding of form and query values (?status=SecretaryReview).</summary>
public sealed class ReportStatusTypeConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text
            ? ReportStatus.TryParse(text.Trim(), out var status) ? status : throw new FormatException("Not a status key.")
            : base.ConvertFrom(context, culture, value);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is ReportStatus status ? status.Key : base.ConvertTo(context, culture, value, destinationType);
}
