using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.Domain.Parsing;

/// <summary>
/// Reads one field of a parsed document as the type it must have, and names the field and its place in the file
/// (line and column where the parser recorded them, else its JSON path) when it is not.
/// </summary>
internal sealed class DocumentFieldReader
{
    // Dates outside this window are typing errors (a year 0001 or 9999), not news.
    private static readonly DateTimeOffset EarliestDate = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LatestDate = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly IReadOnlyDictionary<string, (int Line, int Column)> _positions;

    public DocumentFieldReader(IReadOnlyDictionary<string, (int Line, int Column)> positions)
    {
        _positions = positions;
    }

    public int? Integer(JsonObject owner, string ownerPath, string field, int min, int max)
    {
        var node = owner[field];
        if (node is null)
        {
            return null;
        }

        var path = $"{ownerPath}.{field}";
        var number = Number(node, path, field);
        if (number < min || number > max)
        {
            throw Fail(path, "out-of-range", $"{field} is {number.ToString(CultureInfo.InvariantCulture)}; it must be between {min} and {max}.");
        }

        return (int)Math.Round(number, MidpointRounding.AwayFromZero);
    }

    public double Number(JsonNode node, string path, string field)
    {
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.Number:
                    // Values from YAML are held as long or double, values from JSON as JsonElement.
                    return value.TryGetValue<long>(out var integer) ? integer
                        : value.TryGetValue<double>(out var real) ? real
                        : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
                case JsonValueKind.String when double.TryParse(
                    value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed):
                    return parsed;
            }
        }

        throw Fail(path, "wrong-type", $"{field} must be a number, not '{Shorten(node.ToJsonString())}'.");
    }

    public bool? Boolean(JsonObject owner, string ownerPath, string field)
    {
        var node = owner[field];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.String when bool.TryParse(value.GetValue<string>(), out var parsed):
                    return parsed;
            }
        }

        throw Fail($"{ownerPath}.{field}", "wrong-type", $"{field} must be true or false, not '{Shorten(node.ToJsonString())}'.");
    }

    public DateTimeOffset? Date(JsonObject owner, string ownerPath, string field)
    {
        var text = RawText(owner, ownerPath, field);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var path = $"{ownerPath}.{field}";
        if (!DateTimeOffset.TryParse(
                text.Trim(),
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
                out var date))
        {
            throw Fail(path, "bad-date", $"{field} '{Shorten(text)}' is not a date; write it as ISO 8601, for example 2023-07-27T20:36:00Z.");
        }

        if (date < EarliestDate || date > LatestDate)
        {
            throw Fail(path, "bad-date", $"{field} {date:yyyy-MM-dd} is outside the years 1900 to 2200; check the year.");
        }

        return date.ToUniversalTime();
    }

    public JsonArray List(JsonObject owner, string ownerPath, string field) => owner[field] switch
    {
        null => [],
        JsonArray array => array,
        _ => throw Fail($"{ownerPath}.{field}", "wrong-type", $"{field} must be a list."),
    };

    /// <summary>A human-readable text field: HTML entities decoded.</summary>
    public string? Text(JsonObject owner, string ownerPath, string field)
    {
        var raw = RawText(owner, ownerPath, field);
        return raw is null ? null : WebUtility.HtmlDecode(raw);
    }

    /// <summary>A text field kept byte for byte (URLs, opaque tokens).</summary>
    public string? RawText(JsonObject owner, string ownerPath, string field)
    {
        var node = owner[field];
        return node switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            JsonValue value when value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => throw Fail($"{ownerPath}.{field}", "wrong-type", $"{field} must be text, not a list or a mapping."),
        };
    }

    public static JsonObject? Unknown(JsonObject owner, HashSet<string> known)
    {
        JsonObject? unknown = null;
        foreach (var (key, value) in owner)
        {
            if (!known.Contains(key))
            {
                (unknown ??= [])[key] = value?.DeepClone();
            }
        }

        return unknown;
    }

    public ArticleParseException Fail(string path, string code, string message) =>
        _positions.TryGetValue(path, out var at)
            ? new ArticleParseException(code, message, at.Line, at.Column)
            : new ArticleParseException(code, $"{message} (at {path})");

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
