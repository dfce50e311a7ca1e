using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Web.Tests.Documents;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Fuzz;

/// <summary>
/// Builds requests for an operation from its schema: a valid-looking one aimed at real ids, and named mutations of it —
/// malformed path ids, wrong JSON types, broken or hostile JSON, bad query values, wrong content types, bad uploads, bad tokens.
/// A case name ("json:lone-surrogate", "wrong-type:year:array", …) plus the random source fixes the request.
/// </summary>
public sealed class RequestGenerator(FuzzTargets targets)
{
    /// <summary>Stands in for a value in serialized JSON, to be replaced by bytes no serializer would write.</summary>
    private const string Marker = "FUZZ-MARKER-7F3A";

    private static readonly string[] BadPathKinds =
        ["not-a-guid", "huge-number", "int-overflow", "negative", "float", "nan", "nul", "traversal", "encoded-traversal", "very-long",
         "unicode", "invalid-utf8", "surrogate", "blank"];

    private static readonly string[] BadQueryKinds =
        ["wrong-type", "huge", "empty", "repeated", "out-of-range", "control", "surrogate", "noncharacter", "bad-percent"];

    private static readonly string[] JsonKinds = ["string", "number", "boolean", "array", "object", "null"];

    private static readonly string[] JsonCases =
        ["truncated", "deep-nesting", "deep-property", "huge-string", "control-raw", "lone-surrogate", "invalid-utf8",
         "number-out-of-range", "empty-body", "null-body", "wrong-root", "duplicate-keys", "unknown-properties", "bom", "comments"];

    private static readonly string[] MultipartCases =
        ["missing-file", "empty-file", "random-docx", "random-xlsx", "random-txt", "fake-zip", "huge-field", "hostile-field", "huge-file",
         "two-files", "file-as-field", "truncated", "no-boundary", "wrong-boundary", "bad-number-field"];

    private static readonly string[] ContentTypeCases =
        ["text-plain", "xml", "other-format", "form-urlencoded", "none", "charset-utf16", "charset-bogus", "garbage"];

    private static readonly string[] TokenCases = ["garbage", "empty", "basic", "huge", "random-blob"];

    private static readonly string[] HostileFileNames =
    [
        new string('长', 1000) + ".pdf", "../../../etc/passwd.docx", @"..\..\windows\win.ini.docx", "", "CON.docx", "a\0b.pdf",
        "line\r\nX-Injected: 1.pdf", "\u202Efdp.exe", string.Concat(Enumerable.Repeat("😀", 150)) + ".docx", "报告\"; name=\"other.pdf",
        "%00.pdf", new string('a', 5000) + ".pdf", "\t \u3000.pdf", "\u0007\u001b[31m.pdf",
    ];

    /// <summary>Text valid as JSON that a naive store, normaliser or renderer may choke on.</summary>
    private static readonly string[] HostileTexts =
    [
        "\0", "正文\0正文", "\u0001\u001f\u007f", "\u200b\u202e\ufeff", "\uffff\ufffe", "\ufdd0", "\r\n\t", "😀👨‍👩‍👧", "e\u0301\u0301\u0301",
        "\u3000\u3000", "' OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x}", "%s%n{0}", "\U0010FFFF",
    ];

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Lazy<byte[]> Docx = new(() => WordFiles.Docx("中共市科协党组关于2031年度落实全面从严治党主体责任情况的报告", ReportScenarios.Body));

    private static readonly Lazy<byte[]> Xlsx = new(() => Spreadsheets.Sheet(
        ["序号", "问题描述", "整改措施", "完成时限"], ["1", "专项检查发现公务用车管理不规范", "修订用车制度", "2027-03-31"]));

    /// <summary>Whether a hostile-text case puts a NUL character into its property.</summary>
    public static bool HasNul(string @case) => HostileTexts[int.Parse(@case.Split(':')[^1], CultureInfo.InvariantCulture)].Contains('\0');

    /// <summary>Every mutation that applies to <paramref name="operation"/>; "valid" is not among them.</summary>
    public static IReadOnlyList<string> CasesFor(ApiOperation operation)
    {
        var cases = new List<string>();
        foreach (var parameter in operation.PathParameters)
            cases.AddRange(BadPathKinds.Select(k => $"path:{parameter.Name}:{k}"));
        foreach (var parameter in operation.QueryParameters)
            cases.AddRange(BadQueryKinds.Select(k => $"query:{parameter.Name}:{k}"));
        if (operation.SendsJson)
            foreach (var property in operation.Body!.Properties)
            {
                cases.AddRange(JsonKinds.Where(k => k != JsonKindOf(property)).Select(k => $"wrong-type:{property.Name}:{k}"));
                if (property.Kind == "string") cases.AddRange(HostileTexts.Select((_, i) => $"hostile-text:{property.Name}:{i}"));
            }
        if (operation.MayCarryBody && !operation.SendsMultipart)
            cases.AddRange(JsonCases.Select(c => $"json:{c}"));
        if (operation.SendsMultipart)
        {
            cases.AddRange(MultipartCases.Select(c => $"multipart:{c}"));
            cases.AddRange(HostileFileNames.Select((_, i) => $"multipart:hostile-filename:{i}"));
        }
        if (operation.MayCarryBody)
            cases.AddRange(ContentTypeCases.Select(c => $"content-type:{c}"));
        cases.AddRange(TokenCases.Select(c => $"token:{c}"));
        cases.Add("method:PATCH");
        return cases;
    }

    public FuzzRequest Build(int number, ApiOperation operation, FuzzRole role, string @case, Random random)
    {
        var path = PathValues(operation, random);
        var query = operation.QueryParameters.Where(_ => random.Next(2) == 0)
            .Select(p => (p.Name, Value: Uri.EscapeDataString(ValidText(p.Schema, random) ?? ""))).ToList();
        // Operations that declare no body (submit, withdraw, …) still get junk bodies: the server must ignore or refuse them.
        var json = operation.SendsJson ? ValidJson(operation.Body!, random) : new JsonObject { ["comment"] = "同意。" };
        var parts = operation.SendsMultipart ? ValidParts(operation, random) : null;
        var (body, contentType) = parts is not null ? Multipart(parts, random)
            : operation.SendsJson ? (Utf8(json), "application/json")
            : ((byte[]?)null, (string?)null);
        var method = operation.Method;
        string? authorization = null;

        var bits = @case.Split(':');
        switch (bits[0])
        {
            case "valid":
                break;
            case "path":
                path[bits[1]] = BadPathValue(bits[2], random);
                break;
            case "query":
                query.RemoveAll(q => q.Name == bits[1]);
                query.AddRange(BadQuery(operation.QueryParameters.Single(p => p.Name == bits[1]).Schema, bits[2], random));
                break;
            case "wrong-type":
                json[bits[1]] = WrongValue(bits[2], random);
                (body, contentType) = (Utf8(json), "application/json");
                break;
            case "hostile-text":
                json[bits[1]] = HostileTexts[int.Parse(bits[2], CultureInfo.InvariantCulture)];
                (body, contentType) = (Utf8(json), "application/json");
                break;
            case "json":
                (body, contentType) = (JsonCase(bits[1], operation, json, random), "application/json");
                break;
            case "multipart":
                (body, contentType) = MultipartCase(bits[1..], operation, parts!, random);
                break;
            case "content-type":
                (body, contentType) = ContentTypeCase(bits[1], operation, json, parts, body, contentType, random);
                break;
            case "token":
                authorization = Token(bits[1], random);
                break;
            case "method":
                method = bits[1];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(@case), @case, "unknown case");
        }
        var url = operation.Path;
        foreach (var (name, value) in path) url = url.Replace("{" + name + "}", value, StringComparison.Ordinal);
        if (query.Count > 0) url += "?" + string.Join('&', query.Select(q => $"{q.Name}={q.Value}"));
        return new FuzzRequest(number, role, operation, @case, method, url, contentType, body, authorization) { KestrelMayRefuse = @case.EndsWith(":nul", StringComparison.Ordinal) };
    }

    private Dictionary<string, string> PathValues(ApiOperation operation, Random random)
    {
        var values = new Dictionary<string, string>();
        var reports = operation.Path.StartsWith("/api/reports", StringComparison.Ordinal);
        if (operation.PathParameters.Any(p => p.Name == "fileId") && targets.Evidence.Count > 0 && random.Next(4) > 0)
        {
            var (item, file) = Pick(random, targets.Evidence);
            (values["id"], values["fileId"]) = (item.ToString(), file.ToString());
        }
        foreach (var parameter in operation.PathParameters.Where(p => !values.ContainsKey(p.Name)))
            values[parameter.Name] = parameter.Schema.IsGuid
                ? (parameter.Name == "id" ? Id(random, reports ? targets.OwnReports : targets.OwnItems, reports ? targets.OtherReports : targets.OtherItems) : RandomGuid(random)).ToString()
                : ValidInteger(parameter.Schema, random).ToString(CultureInfo.InvariantCulture);
        return values;
    }

    /// <summary>Mostly an id of the callers' unit, sometimes another unit's, sometimes one that does not exist.</summary>
    private static Guid Id(Random random, List<Guid> own, List<Guid> other) => random.Next(20) switch
    {
        < 12 when own.Count > 0 => Pick(random, own),
        < 17 when other.Count > 0 => Pick(random, other),
        19 => Guid.Empty,
        _ => RandomGuid(random),
    };

    private JsonObject ValidJson(ApiBody body, Random random)
    {
        var json = new JsonObject();
        foreach (var property in body.Properties)
            json[property.Name] = ValidNode(property, random);
        return json;
    }

    private JsonNode? ValidNode(FieldSchema field, Random random) => field.Name switch
    {
        "reportIds" => new JsonArray(Enumerable.Range(0, random.Next(1, 4))
            .Select(_ => (JsonNode?)Id(random, targets.OwnReports, targets.OtherReports).ToString()).ToArray()),
        "requirements" => random.Next(2) == 0 ? null : new JsonArray("完善整改台账，按期销号。"),
        _ => field.Kind switch
        {
            "integer" => ValidInteger(field, random),
            "number" => random.NextDouble() * 100,
            "boolean" => random.Next(2) == 0,
            "array" => new JsonArray(ValidNode(field.Items ?? field with { Kind = "string" }, random)),
            "object" => new JsonObject(),
            _ => ValidText(field, random) is { } text ? JsonValue.Create(text) : null,
        },
    };

    /// <summary>A plausible value for a text field or query parameter, chosen by its name; null where leaving it out is plausible.</summary>
    private string? ValidText(FieldSchema field, Random random) => field.Name switch
    {
        "userName" => random.Next(4) == 0 ? "nobody" : Pick(random, FuzzTargets.UserNames.Values.ToList()),
        "password" => random.Next(3) == 0 ? "wrong-" + random.Next() : AppFactory.Password,
        "title" => $"中共市科协党组关于{random.Next(2030, 2101)}年度落实全面从严治党主体责任情况的报告",
        "body" => ReportScenarios.Body,
        "comment" => Pick(random, ["同意。", "请补充整改措施。", "", "已完成整改，申请销号。"]),
        "deadline" or "nextReviewOn" => Pick(random, ["2027-06-30", "2026-12-31", "2027-1-5", "2026-02-29", "9999-12-31", "0001-01-01", "2028-02-29"]),
        "source" => Pick(random, ["年度报告自查", "审核意见", "巡视巡察", "专项检查", "其他", "Inspection"]),
        "status" => field.Enum.Count > 0 ? Pick(random, field.Enum) : Pick(random, ["NotStarted", "InProgress", "ClosureRequested", "Closed", "LongTerm", "整改中"]),
        "unit" => Pick(random, ["KX", "RDJG", "GW", targets.OwnUnit.ToString(), targets.OtherUnit.ToString()]),
        "owner" or "ownerUserName" => Pick(random, ["drafter.kexie", "secretary.kexie", "drafter.renda", "nobody"]),
        "sort" => Pick(random, ["code", "status", "unit", "owner", "light", "deadline"]),
        "category" => "年度报告自查",
        "problem" => "理论学习中心组学习不够深入",
        "measures" => "制定年度学习计划，每季度开展专题研讨",
        "responsibleLeader" => "李明",
        "responsibleDepartment" => "机关党委",
        "progress" => "已完成一半。",
        "unitId" => Pick(random, [targets.OwnUnit, targets.OtherUnit, RandomGuid(random)]).ToString(),
        "reportId" => random.Next(3) == 0 ? Id(random, targets.OwnReports, targets.OtherReports).ToString() : null,
        _ when field.Kind is "integer" => ValidInteger(field, random).ToString(CultureInfo.InvariantCulture),
        _ when field.Kind is "boolean" => random.Next(2) == 0 ? "true" : "false",
        _ when field.IsGuid => RandomGuid(random).ToString(),
        _ when field.Enum.Count > 0 => Pick(random, field.Enum),
        _ => "测试文本",
    };

    private static int ValidInteger(FieldSchema field, Random random) => field.Name switch
    {
        "year" => random.Next(3) == 0 ? 2026 : random.Next(2030, 2101),
        "from" or "to" or "revision" or "number" => random.Next(1, 4),
        _ => random.Next((int)(field.Minimum ?? 1), (int)Math.Min(field.Maximum ?? 100, 1000) + 1),
    };

    private List<Part> ValidParts(ApiOperation operation, Random random)
    {
        var parts = new List<Part>();
        foreach (var property in operation.Body!.Properties)
            if (property.IsFile) parts.Add(ValidFile(operation, random));
            else if (ValidText(property, random) is { } value) parts.Add(new Part(property.Name, Encoding.UTF8.GetBytes(value)));
        return parts;
    }

    /// <summary>A file the endpoint accepts: evidence in PDF or PNG, a ledger in .xlsx, a report in .docx or .txt.</summary>
    private static Part ValidFile(ApiOperation operation, Random random)
    {
        if (operation.Path.EndsWith("/evidence", StringComparison.Ordinal))
            return random.Next(2) == 0
                ? new Part("file", [.. "%PDF-1.4\n"u8, .. Bytes(random, random.Next(16, 2048))], "整改佐证.pdf")
                : new Part("file", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Bytes(random, random.Next(16, 2048))], "现场照片.png");
        if (operation.Path.Contains("/rectifications/", StringComparison.Ordinal))
            return new Part("file", Xlsx.Value, "整改台账.xlsx");
        return random.Next(2) == 0
            ? new Part("file", Docx.Value, "年度报告.docx")
            : new Part("file", Encoding.UTF8.GetBytes("中共市科协党组关于2031年度落实全面从严治党主体责任情况的报告\n" + ReportScenarios.Body), "年度报告.txt");
    }

    private static string BadPathValue(string kind, Random random) => kind switch
    {
        "not-a-guid" => Pick(random, ["not-a-guid", "null", "undefined", "{id}", "0x1F"]),
        "huge-number" => new string('9', random.Next(20, 200)),
        "int-overflow" => Pick(random, ["2147483648", "-2147483649", "9223372036854775808"]),
        "negative" => Pick(random, ["-1", "-0", "0"]),
        "float" => Pick(random, ["1e308", "1.5", "-1e-308"]),
        "nan" => Pick(random, ["NaN", "Infinity", "-Infinity"]),
        "nul" => Pick(random, ["%00", "a%00b"]),
        "traversal" => Pick(random, ["../../../../etc/passwd", "..", "./.", "../reports"]),
        "encoded-traversal" => Pick(random, ["..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%5c%2e%2e%5cwin.ini", "..%252F..%252F"]),
        // Under Kestrel's 8 KB request line, so the request reaches the app.
        "very-long" => string.Concat(Enumerable.Repeat("deadbeef-", random.Next(200, 600))),
        "unicode" => Uri.EscapeDataString(Pick(random, ["报告", "ｉｄ", "😀", "\u202Eabc"])),
        "invalid-utf8" => Pick(random, ["%FF%FE", "%C0%AF", "%E4%B8"]),
        "surrogate" => Pick(random, ["%ED%A0%80", "%ED%B0%80%ED%A0%80"]),
        _ => Pick(random, ["%20", "%09", "+"]),
    };

    private IEnumerable<(string Name, string Value)> BadQuery(FieldSchema field, string kind, Random random)
    {
        var name = field.Name;
        return kind switch
        {
            "wrong-type" => [(name, field.Kind is "integer" or "boolean" || field.Enum.Count > 0 || field.IsGuid
                ? Pick(random, ["abc", "yes", "Finished", "1.5", "true"]) : Uri.EscapeDataString("""{"a":[1]}"""))],
            // Under Kestrel's 8 KB request line, so the request reaches the app.
            "huge" => [(name, new string(field.Kind == "integer" ? '9' : 'x', random.Next(3000, 6000)))],
            "empty" => [(name, "")],
            "repeated" => [(name, Uri.EscapeDataString(ValidText(field, random) ?? "a")), (name, Uri.EscapeDataString(ValidText(field, random) ?? "b"))],
            "out-of-range" => [(name, Pick(random, ["2147483648", "-1", "0", "1e308", "NaN", "-2147483649", "99999999999999999999"]))],
            "control" => [(name, Pick(random, ["%00", "%01%1F%7F", "a%0D%0Ab"]))],
            "surrogate" => [(name, Pick(random, ["%ED%A0%80", "%ED%B0%80x"]))],
            "noncharacter" => [(name, Pick(random, ["%EF%BF%BF", "%EF%BF%BE", "a%EF%B7%90"]))],
            _ => [(name, Pick(random, ["%zz", "%", "%E6%8A"]))],
        };
    }

    private static JsonNode? WrongValue(string kind, Random random) => kind switch
    {
        "string" => Pick(random, ["错误的类型", "", "2026"]),
        "number" => Pick(random, [12345, -1, 0]),
        "boolean" => random.Next(2) == 0,
        "array" => new JsonArray(1, "二", null),
        "object" => new JsonObject { ["a"] = 1 },
        _ => null,
    };

    private byte[] JsonCase(string kind, ApiOperation operation, JsonObject json, Random random)
    {
        var properties = json.Select(p => p.Key).ToList();
        var textProperties = operation.Body?.Properties.Where(p => p.Kind == "string").Select(p => p.Name).ToList() is { Count: > 0 } t ? t : properties;
        switch (kind)
        {
            case "truncated":
                var whole = Utf8(json);
                return whole[..random.Next(1, whole.Length)];
            case "deep-nesting":
                return Encoding.ASCII.GetBytes(new string('[', 10_000) + (random.Next(2) == 0 ? new string(']', 10_000) : ""));
            case "deep-property":
                return Splice(json, Pick(random, properties), new string('[', 10_000) + new string(']', 10_000));
            case "huge-string":
                json[Pick(random, textProperties)] = HugeText(random);
                return Utf8(json);
            case "control-raw":
                return Splice(json, Pick(random, textProperties), [(byte)'"', (byte)'a', 0x01, 0x1F, 0x0A, 0x00, 0x09, (byte)'"']);
            case "lone-surrogate":
                return Splice(json, Pick(random, textProperties), Pick(random, ["\"\\ud800\"", "\"x\\udc00y\"", "\"\\ud800\\ud800\"", "\"\\udfff\\ud800\""]));
            case "invalid-utf8":
                return Splice(json, Pick(random, textProperties),
                    [(byte)'"', .. Pick<byte[]>(random, [[0xFF, 0xFE], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE4, 0xB8], [0xF8, 0x88, 0x80, 0x80, 0x80]]), (byte)'"']);
            case "number-out-of-range":
                var numbers = operation.Body?.Properties.Where(p => p.Kind is "integer" or "number").Select(p => p.Name).ToList() is { Count: > 0 } n ? n : properties;
                return Splice(json, Pick(random, numbers), Pick(random, ["1e308", "-1", "2147483648", "\"NaN\"", "1.5", "-0", "99999999999999999999", "-2147483649", "\"Infinity\""]));
            case "empty-body":
                return [];
            case "null-body":
                return "null"u8.ToArray();
            case "wrong-root":
                return Encoding.UTF8.GetBytes(Pick(random, ["[]", "123", "\"文本\"", "true", "[{}]"]));
            case "duplicate-keys":
                var text = json.ToJsonString(Relaxed);
                var first = Pick(random, properties);
                return Encoding.UTF8.GetBytes(text[..^1] + (properties.Count > 0 ? "," : "") + $"\"{first}\":{(random.Next(2) == 0 ? "null" : "[1]")}}}");
            case "unknown-properties":
                json["$type"] = "System.IO.FileInfo, System.IO.FileSystem";
                json["__proto__"] = new JsonObject { ["isAdmin"] = true };
                json["extra"] = new JsonArray(1, "二", null);
                return Utf8(json);
            case "bom":
                return [0xEF, 0xBB, 0xBF, .. Utf8(json)];
            default:
                var plain = json.ToJsonString(Relaxed);
                return Encoding.UTF8.GetBytes("/* 注释 */" + (plain.Length > 2 ? plain[..^1] + ",}" : "{,}"));
        }
    }

    private (byte[], string) MultipartCase(string[] bits, ApiOperation operation, List<Part> parts, Random random)
    {
        var kind = bits[0];
        var file = parts.Single(p => p.FileName is not null);
        var fields = parts.Where(p => p.FileName is null).ToList();
        switch (kind)
        {
            case "missing-file":
                return Multipart(fields, random);
            case "empty-file":
                return Multipart([file with { Content = [] }, .. fields], random);
            case "random-docx" or "random-xlsx" or "random-txt":
                return Multipart([new Part("file", Bytes(random, random.Next(1, 65_536)), "随机." + kind[7..]), .. fields], random);
            case "fake-zip":
                // A zip signature, junk, and an end-of-central-directory record pointing nowhere.
                byte[] zip = [.. "PK\u0003\u0004"u8, .. Bytes(random, random.Next(0, 4096)), .. "PK\u0005\u0006"u8, .. Bytes(random, 18)];
                return Multipart([new Part("file", zip, Pick(random, ["假文件.docx", "假文件.xlsx"])), .. fields], random);
            case "huge-field":
                var name = fields.Count > 0 ? Pick(random, fields).Name : "note";
                return Multipart([file, .. fields.Where(f => f.Name != name), new Part(name, Encoding.UTF8.GetBytes(HugeText(random)))], random);
            case "huge-file":
                return Multipart([new Part("file", Encoding.UTF8.GetBytes(HugeText(random)), Pick(random, ["大文件.txt", "大文件.docx", "大文件.pdf"])), .. fields], random);
            case "hostile-field":
                var field = fields.Count > 0 ? Pick(random, fields).Name : "note";
                return Multipart([file, .. fields.Where(f => f.Name != field), new Part(field, Encoding.UTF8.GetBytes(Pick(random, HostileTexts)))], random);
            case "hostile-filename":
                return Multipart([file with { FileName = HostileFileNames[int.Parse(bits[1], CultureInfo.InvariantCulture)] }, .. fields], random);
            case "two-files":
                return Multipart([file, file with { Content = Bytes(random, 100), FileName = "第二个.docx" }, .. fields], random);
            case "file-as-field":
                return Multipart([file with { FileName = null }, .. fields], random);
            case "truncated":
                var (whole, type) = Multipart(parts, random);
                return (whole[..random.Next(1, whole.Length)], type);
            case "no-boundary":
                return (Multipart(parts, random).Body, "multipart/form-data");
            case "wrong-boundary":
                return (Multipart(parts, random).Body, "multipart/form-data; boundary=not-the-boundary");
            default:
                var year = Encoding.UTF8.GetBytes(Pick(random, ["abc", "1e308", "2147483648", "-1", "", "二〇三一"]));
                return Multipart([file, .. fields.Where(f => f.Name != "year"), new Part("year", year)], random);
        }
    }

    private static (byte[]?, string?) ContentTypeCase(string kind, ApiOperation operation, JsonObject json, List<Part>? parts, byte[]? body,
        string? contentType, Random random)
    {
        body ??= Utf8(json);
        var media = operation.SendsMultipart ? contentType! : "application/json";
        return kind switch
        {
            "text-plain" => (body, "text/plain; charset=utf-8"),
            "xml" => (Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><request><title>报告</title><year>2031</year></request>"), "application/xml"),
            "other-format" => parts is not null
                ? (Utf8(new JsonObject(parts.Where(p => p.FileName is null).Select(p => KeyValuePair.Create(p.Name, (JsonNode?)Encoding.UTF8.GetString(p.Content))))), "application/json")
                : Multipart(json.Select(p => new Part(p.Key, Encoding.UTF8.GetBytes(p.Value?.ToJsonString(Relaxed).Trim('"') ?? ""))).ToList(), random),
            "form-urlencoded" => ("title=%E6%8A%A5%E5%91%8A&year=2031&comment=%E5%90%8C%E6%84%8F"u8.ToArray(), "application/x-www-form-urlencoded"),
            "none" => (body, null),
            "charset-utf16" => (operation.SendsMultipart ? body : Encoding.Unicode.GetBytes(json.ToJsonString(Relaxed)), media + "; charset=utf-16"),
            "charset-bogus" => (body, media + "; charset=" + Pick(random, ["no-such-charset", "utf-7", "\"utf-8\"", "x-user-defined"])),
            _ => (body, Pick(random, ["@@@;;;===", "application/", "/json", "application/json; ; ;", "*/*"])),
        };
    }

    private static string Token(string kind, Random random) => kind switch
    {
        "garbage" => "Bearer not-a-token",
        "empty" => "Bearer ",
        "basic" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + AppFactory.Password)),
        "huge" => "Bearer " + new string('A', random.Next(4000, 7000)),
        _ => "Bearer " + Convert.ToBase64String(Bytes(random, 600)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
    };

    /// <summary>The JSON kind of the property's valid values, which its wrong-type mutations avoid.</summary>
    private static string JsonKindOf(FieldSchema field) => field.Kind switch
    {
        "integer" or "number" => "number",
        var other => other,
    };

    /// <summary>The JSON with one property's value replaced by raw text or bytes.</summary>
    private static byte[] Splice(JsonObject json, string property, string raw) => Splice(json, property, Encoding.UTF8.GetBytes(raw));

    private static byte[] Splice(JsonObject json, string property, byte[] raw)
    {
        var copy = json.DeepClone().AsObject();
        copy[property] = Marker;
        var text = Utf8(copy);
        var marker = Encoding.UTF8.GetBytes($"\"{Marker}\"");
        var at = text.AsSpan().IndexOf(marker);
        return [.. text[..at], .. raw, .. text[(at + marker.Length)..]];
    }

    private static byte[] Utf8(JsonNode json) => Encoding.UTF8.GetBytes(json.ToJsonString(Relaxed));

    /// <summary>1 to 3 MB of report-like text.</summary>
    private static string HugeText(Random random)
    {
        const string piece = "全面从严治党主体责任落实情况abc123，";
        return new StringBuilder(piece.Length * 60_000).Insert(0, piece, random.Next(20_000, 60_000)).ToString();
    }

    /// <summary>An id that exists nowhere, drawn from the seeded source so a run replays.</summary>
    private static Guid RandomGuid(Random random) => new(Bytes(random, 16));

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private sealed record Part(string Name, byte[] Content, string? FileName = null);

    private static (byte[] Body, string ContentType) Multipart(IEnumerable<Part> parts, Random random)
    {
        var boundary = "----fuzz" + random.Next().ToString("x", CultureInfo.InvariantCulture);
        using var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        foreach (var part in parts)
        {
            Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"{part.Name}\"{FileNameParameter(part.FileName)}\r\n");
            if (part.FileName is not null) Write("Content-Type: application/octet-stream\r\n");
            Write("\r\n");
            body.Write(part.Content);
            Write("\r\n");
        }
        Write($"--{boundary}--\r\n");
        return (body.ToArray(), $"multipart/form-data; boundary={boundary}");
    }

    /// <summary>A plain ASCII name as filename="…"; anything else as RFC 5987 filename*, which the server decodes as given.</summary>
    private static string FileNameParameter(string? name) =>
        name is null ? ""
        : name.All(c => c is >= ' ' and < '\u007f' and not '"' and not '\\') ? $"; filename=\"{name}\""
        : $"; filename=\"upload.bin\"; filename*=UTF-8''{Uri.EscapeDataString(name)}";
}
