using System.Text.Json;

namespace Workflow.Web.Tests.Fuzz;

/// <summary>What the generator needs to know of one value in the OpenAPI document: name, JSON kind, format, allowed values, range.</summary>
public sealed record FieldSchema(string Name, string Kind, string? Format, IReadOnlyList<string> Enum, FieldSchema? Items, long? Minimum, long? Maximum)
{
    public bool IsInteger => Kind == "integer";
    public bool IsFile => Kind == "file";
    public bool IsGuid => Format == "uuid";
}

/// <summary>A path or query parameter of an operation.</summary>
public sealed record ApiParameter(string Name, string In, FieldSchema Schema);

/// <summary>The request body an operation declares: its media type and top-level properties.</summary>
public sealed record ApiBody(string MediaType, IReadOnlyList<FieldSchema> Properties)
{
    public bool IsMultipart => MediaType.StartsWith("multipart/", StringComparison.Ordinal);
}

/// <summary>One path × method of the API, as the app's own OpenAPI document describes it.</summary>
public sealed record ApiOperation(string Method, string Path, IReadOnlyList<ApiParameter> Parameters, ApiBody? Body)
{
    public IEnumerable<ApiParameter> PathParameters => Parameters.Where(p => p.In == "path");
    public IEnumerable<ApiParameter> QueryParameters => Parameters.Where(p => p.In == "query");
    public bool SendsJson => Body is { IsMultipart: false };
    public bool SendsMultipart => Body is { IsMultipart: true };
    public bool MayCarryBody => Method is "POST" or "PUT";

    /// <summary>The statuses the document says the operation answers (success and problems).</summary>
    public IReadOnlySet<int> Declared { get; init; } = new HashSet<int>();

    /// <summary>Whether <paramref name="path"/> (a routed path, no query) is this operation's template filled in.</summary>
    public bool Matches(string path)
    {
        var template = Path.Split('/');
        var actual = path.Split('/');
        return template.Length == actual.Length && template.Zip(actual).All(p => p.First.StartsWith('{') || p.First == p.Second);
    }

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>Reads every operation of an OpenAPI 3 document, resolving $ref, nullable oneOf and allOf into flat shapes.</summary>
public static class OpenApiOperations
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public static IReadOnlyList<ApiOperation> Read(JsonElement document)
    {
        var schemas = document.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var s) ? s : default;
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
            foreach (var method in Methods)
            {
                if (!path.Value.TryGetProperty(method, out var operation)) continue;
                var parameters = operation.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => new ApiParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                        Shape(p.GetProperty("name").GetString()!, p.TryGetProperty("schema", out var ps) ? ps : default, schemas))).ToList()
                    : [];
                ApiBody? body = null;
                if (operation.TryGetProperty("requestBody", out var requestBody))
                {
                    var content = requestBody.GetProperty("content").EnumerateObject().First();
                    body = new ApiBody(content.Name, Properties(content.Value.GetProperty("schema"), schemas));
                }
                var declared = operation.TryGetProperty("responses", out var responses)
                    ? responses.EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet()
                    : [];
                operations.Add(new ApiOperation(method.ToUpperInvariant(), path.Name, parameters, body) { Declared = declared });
            }
        return operations;
    }

    private static List<FieldSchema> Properties(JsonElement schema, JsonElement schemas)
    {
        schema = Resolve(schema, schemas);
        var properties = new List<FieldSchema>();
        if (schema.TryGetProperty("allOf", out var parts))
            foreach (var part in parts.EnumerateArray())
                properties.AddRange(Properties(part, schemas));
        if (schema.TryGetProperty("properties", out var own))
            properties.AddRange(own.EnumerateObject().Select(p => Shape(p.Name, p.Value, schemas)));
        return properties;
    }

    private static FieldSchema Shape(string name, JsonElement schema, JsonElement schemas)
    {
        if (schema.ValueKind != JsonValueKind.Object) return new FieldSchema(name, "string", null, [], null, null, null);
        schema = Resolve(schema, schemas);
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var values = schema.TryGetProperty("enum", out var e) ? e.EnumerateArray().Select(v => v.ToString()).ToList() : [];
        var items = schema.TryGetProperty("items", out var i) ? Shape(name, i, schemas) : null;
        var kind = format == "binary" ? "file" : KindOf(schema, values.Count > 0);
        return new FieldSchema(name, kind, format, values, items, Number(schema, "minimum"), Number(schema, "maximum"));
    }

    /// <summary>Follows $ref and picks the non-null branch of the oneOf the document uses for nullable bodies.</summary>
    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        while (true)
        {
            if (schema.TryGetProperty("$ref", out var reference))
                schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
            else if (schema.TryGetProperty("oneOf", out var branches) || schema.TryGetProperty("anyOf", out branches))
                schema = branches.EnumerateArray().First(b => !(b.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"));
            else
                return schema;
        }
    }

    /// <summary>The most specific JSON kind a value may have ("integer" wins over the "string" the document allows for numbers).</summary>
    private static string KindOf(JsonElement schema, bool isEnum)
    {
        if (!schema.TryGetProperty("type", out var type)) return isEnum ? "string" : "object";
        var kinds = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
        return new[] { "integer", "number", "boolean", "array", "object", "string" }.FirstOrDefault(kinds.Contains) ?? "string";
    }

    private static long? Number(JsonElement schema, string name) =>
        !schema.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number ? value.GetInt64()
        : long.TryParse(value.GetString(), out var parsed) ? parsed : null;
}
