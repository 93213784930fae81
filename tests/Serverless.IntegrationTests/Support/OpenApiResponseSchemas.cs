using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;

namespace Serverless.IntegrationTests.Support;

/// <summary>
/// The response schemas of a served openapi.json as JSON Schema a validator reads: OpenAPI 3.0's <c>nullable</c>
/// (which JSON Schema does not have) becomes a <c>null</c> alternative, and <c>#/components/schemas</c> references
/// point at the standalone schema's <c>definitions</c>.
/// </summary>
public sealed class OpenApiResponseSchemas
{
    private readonly JsonObject _document;
    private readonly JsonObject _definitions;

    public OpenApiResponseSchemas(string openApiJson)
    {
        _document = JsonNode.Parse(openApiJson)!.AsObject();
        _definitions = ConvertEach(_document["components"]!["schemas"]!.DeepClone().AsObject());
    }

    /// <summary>
    /// The schema openapi.json declares for the <paramref name="mediaType"/> body of a <paramref name="status"/> answer
    /// to <paramref name="method"/> <paramref name="path"/> (under <c>/api</c>, the document's server); fails when none is declared.
    /// </summary>
    public async Task<JsonSchema> ForAsync(string method, string path, int status, string mediaType)
    {
        var template = _document["paths"]!.AsObject()
            .Select(p => p.Key)
            .SingleOrDefault(t => Regex.IsMatch(path, "^" + Regex.Replace(Regex.Escape(t), @"\\\{\w+}", "[^/]+") + "$"))
            ?? throw new InvalidOperationException($"openapi.json has no path matching {path}");
        var schema = _document["paths"]![template]![method.ToLowerInvariant()]?["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?["content"]?[mediaType]?["schema"]
            ?? throw new InvalidOperationException($"openapi.json declares no {mediaType} body for {status} to {method} {template}");

        var standalone = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-04/schema#",
            ["allOf"] = new JsonArray(Convert(schema.DeepClone())),
            ["definitions"] = _definitions.DeepClone(),
        };
        return await JsonSchema.FromJsonAsync(standalone.ToJsonString());
    }

    private static JsonObject ConvertEach(JsonObject schemas)
    {
        foreach (var (name, schema) in schemas.ToList())
        {
            schemas[name] = Convert(schema?.DeepClone());
        }

        return schemas;
    }

    private static JsonNode? Convert(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject schema:
                foreach (var (key, value) in schema.ToList())
                {
                    schema[key] = value switch
                    {
                        // The members of a properties map are named by the body's keys, not by schema keywords.
                        JsonObject properties when key == "properties" => ConvertEach(properties.DeepClone().AsObject()),
                        JsonObject or JsonArray => Convert(value.DeepClone()),
                        _ => value?.DeepClone(),
                    };
                }

                if (schema["$ref"] is JsonValue reference)
                {
                    schema["$ref"] = reference.GetValue<string>().Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
                }

                var nullable = schema["nullable"] is JsonValue flag && flag.GetValue<bool>();
                schema.Remove("nullable");
                return nullable ? new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, schema) } : schema;

            case JsonArray array:
                return new JsonArray([.. array.Select(item => Convert(item?.DeepClone()))]);

            default:
                return node;
        }
    }
}
