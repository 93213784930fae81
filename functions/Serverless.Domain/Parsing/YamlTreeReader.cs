using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Serverless.Domain.Parsing;

/// <summary>
/// Reads one YAML document into a JSON tree with the YAML 1.2 core schema, recording where each value stood.
/// Built on the event parser rather than the representation model so that aliases, depth and size are
/// bounded while reading: an alias bomb or a deeply nested document fails fast instead of exhausting memory.
/// </summary>
internal sealed partial class YamlTreeReader
{
    private readonly IParser _parser;
    private readonly ArticleParserOptions _options;
    private readonly int _lineOffset;
    private readonly Dictionary<string, (JsonNode? Node, int Size)> _anchors = new(StringComparer.Ordinal);
    private int _nodes;

    private YamlTreeReader(string yaml, ArticleParserOptions options, int lineOffset)
    {
        _parser = new Parser(new StringReader(yaml));
        _options = options;
        _lineOffset = lineOffset;
    }

    /// <summary>Where each value of the tree came from, keyed by its JSON path (<c>$.related[0].quality</c>).</summary>
    public Dictionary<string, (int Line, int Column)> Positions { get; } = new(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="yaml"/>; <paramref name="lineOffset"/> maps its lines onto the whole file.</summary>
    public static (JsonNode? Root, Dictionary<string, (int Line, int Column)> Positions) Read(
        string yaml, ArticleParserOptions options, int lineOffset)
    {
        var reader = new YamlTreeReader(yaml, options, lineOffset);
        try
        {
            var root = reader.ReadDocument();
            return (root, reader.Positions);
        }
        catch (YamlException ex)
        {
            var line = (int)ex.Start.Line + lineOffset;
            throw new ArticleParseException(
                "yaml-syntax", $"The front matter is not valid YAML: {Clean(ex.Message)}", line, (int)ex.Start.Column);
        }
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: ...) - (Line: ...): "; the position is reported separately.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }

    private JsonNode? ReadDocument()
    {
        _parser.Consume<StreamStart>();
        if (_parser.TryConsume<StreamEnd>(out _))
        {
            return null;
        }

        _parser.Consume<DocumentStart>();
        var root = ReadNode("$", 0);
        _parser.Consume<DocumentEnd>();
        if (!_parser.TryConsume<StreamEnd>(out _))
        {
            var mark = _parser.Current?.Start ?? Mark.Empty;
            throw new ArticleParseException(
                "yaml-multiple-documents",
                "The front matter holds more than one YAML document; keep a single mapping between the '---' lines.",
                (int)mark.Line + _lineOffset,
                (int)mark.Column);
        }

        return root;
    }

    private JsonNode? ReadNode(string path, int depth)
    {
        var current = _parser.Current ?? throw new ArticleParseException("yaml-syntax", "The front matter ends unexpectedly.");
        Positions[path] = ((int)current.Start.Line + _lineOffset, (int)current.Start.Column);
        if (depth > _options.MaxDepth)
        {
            throw Error("too-deep", $"The front matter nests deeper than {_options.MaxDepth} levels.", current.Start);
        }

        var before = _nodes;
        JsonNode? node;
        string? anchor = null;
        switch (current)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                {
                    throw Error("yaml-syntax", $"The alias '*{alias.Value}' refers to no anchor.", alias.Start);
                }

                CountNodes(anchored.Size, alias.Start);
                return anchored.Node?.DeepClone();
            case Scalar scalar:
                _parser.MoveNext();
                CountNodes(1, scalar.Start);
                anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
                node = ResolveScalar(scalar);
                break;
            case SequenceStart sequenceStart:
                _parser.MoveNext();
                CountNodes(1, sequenceStart.Start);
                anchor = sequenceStart.Anchor.IsEmpty ? null : sequenceStart.Anchor.Value;
                var array = new JsonArray();
                while (!_parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(ReadNode($"{path}[{array.Count}]", depth + 1));
                }

                node = array;
                break;
            case MappingStart mappingStart:
                _parser.MoveNext();
                CountNodes(1, mappingStart.Start);
                anchor = mappingStart.Anchor.IsEmpty ? null : mappingStart.Anchor.Value;
                node = ReadMapping(path, depth);
                break;
            default:
                throw Error("yaml-syntax", $"Unexpected {current.GetType().Name} in the front matter.", current.Start);
        }

        if (anchor is not null)
        {
            _anchors[anchor] = (node, _nodes - before);
        }

        return node;
    }

    private JsonObject ReadMapping(string path, int depth)
    {
        var mapping = new JsonObject();
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = _parser.Current!;
            if (keyEvent is not Scalar keyScalar)
            {
                throw Error("yaml-key", "A mapping key must be a plain name, not a list or a mapping.", keyEvent.Start);
            }

            _parser.MoveNext();
            var key = keyScalar.Value;
            if (key == "<<")
            {
                throw Error("yaml-merge-key", "YAML merge keys ('<<') are not supported in article front matter.", keyScalar.Start);
            }

            if (mapping.ContainsKey(key))
            {
                throw Error("duplicate-key", $"The field '{key}' appears twice; keep one.", keyScalar.Start);
            }

            mapping[key] = ReadNode($"{path}.{key}", depth + 1);
        }

        return mapping;
    }

    private void CountNodes(int count, Mark at)
    {
        _nodes += Math.Max(count, 1);
        if (_nodes > _options.MaxNodes)
        {
            throw Error(
                "too-large",
                $"The front matter expands to more than {_options.MaxNodes} values (nested aliases?); simplify it.",
                at);
        }
    }

    private ArticleParseException Error(string code, string message, Mark at) =>
        new(code, message, (int)at.Line + _lineOffset, (int)at.Column);

    private static JsonNode? ResolveScalar(Scalar scalar)
    {
        var value = scalar.Value;
        var explicitString = !scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value is "tag:yaml.org,2002:str" or "!!str";
        if (scalar.Style != ScalarStyle.Plain || explicitString)
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(value);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
