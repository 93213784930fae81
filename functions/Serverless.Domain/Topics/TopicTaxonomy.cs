using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using YamlDotNet.RepresentationModel;

namespace Serverless.Domain.Topics;

/// <summary>
/// The topic taxonomy: maps an article's own topic names to ids (unknown names become URL-safe slugs), adds every
/// parent (an "AI Ethics" article is also in "ai"), and finds topics for untagged plain text by keyword.
/// </summary>
public sealed partial class TopicTaxonomy
{
    private const int MaxTopicsPerArticle = 16;

    // A display name, not a document: long enough for any real topic name, short enough for every page that shows it.
    private const int MaxNameLength = 100;
    private readonly FrozenDictionary<string, TopicDefinition> _byId;
    private readonly FrozenDictionary<string, TopicDefinition> _byName;
    private readonly (Regex Pattern, TopicDefinition Topic)[] _keywords;

    public TopicTaxonomy(IEnumerable<TopicDefinition> topics)
    {
        var list = topics.ToList();
        _byId = list.ToFrozenDictionary(t => t.Id, StringComparer.OrdinalIgnoreCase);
        _byName = list.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        _keywords = list
            .SelectMany(t => t.Keywords.Select(k => (new Regex($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(k)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), t)))
            .ToArray();
        Topics = list;
    }

    public IReadOnlyList<TopicDefinition> Topics { get; }

    public static TopicTaxonomy Load(IOptions<TopicOptions> options)
    {
        var path = options.Value.TaxonomyPath;
        if (!string.IsNullOrWhiteSpace(path))
        {
            if (!Directory.Exists(path))
            {
                throw new DirectoryNotFoundException($"Topics__TaxonomyPath '{path}' is not a folder; point it at a folder of taxonomy YAML files or remove the setting.");
            }

            return FromYaml(Directory.EnumerateFiles(path, "*.y*ml").Order(StringComparer.Ordinal).Select(File.ReadAllText));
        }

        var assembly = typeof(TopicTaxonomy).Assembly;
        return FromYaml(assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Taxonomy/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return reader.ReadToEnd();
            }));
    }

    /// <summary>Reads taxonomy files: <c>_id</c>, <c>name</c>, optional <c>parent</c> (a name or id) and <c>keywords</c>.</summary>
    public static TopicTaxonomy FromYaml(IEnumerable<string> documents)
    {
        var raw = new List<(string Id, string Name, string? Parent, List<string> Keywords)>();
        foreach (var document in documents)
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(document));
            if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            {
                continue;
            }

            string? Scalar(string key) => root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;
            var name = Scalar("name") ?? throw new InvalidDataException("A taxonomy file has no 'name'.");
            var id = Scalar("_id") ?? Slug(name);
            var keywords = root.Children.TryGetValue(new YamlScalarNode("keywords"), out var k) && k is YamlSequenceNode sequence
                ? sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value!).Where(s => !string.IsNullOrWhiteSpace(s)).ToList()
                : [];
            raw.Add((Slug(id), name, Scalar("parent"), keywords));
        }

        var names = raw.ToDictionary(t => t.Name, t => t.Id, StringComparer.OrdinalIgnoreCase);
        var ids = raw.Select(t => t.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new TopicTaxonomy(raw.Select(t => new TopicDefinition(
            t.Id,
            t.Name,
            t.Parent is null ? null : names.TryGetValue(t.Parent, out var parentId) ? parentId : ids.Contains(Slug(t.Parent)) ? Slug(t.Parent) : null,
            t.Keywords)));
    }

    public TopicDefinition? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The topic ids an article is listed under: its own topics and their parents, or keyword matches.</summary>
    public IReadOnlyList<string> Resolve(IReadOnlyList<string> topicNames, string? title, string? text)
    {
        var result = new List<string>();
        foreach (var name in topicNames)
        {
            var id = _byName.TryGetValue(name, out var byName) ? byName.Id
                : _byId.TryGetValue(name, out var byId) ? byId.Id
                : Slug(name);
            AddWithParents(result, id);
        }

        if (result.Count == 0 && (title is not null || text is not null))
        {
            var haystack = $"{title}\n{text}";
            foreach (var (pattern, topic) in _keywords)
            {
                if (!result.Contains(topic.Id) && pattern.IsMatch(haystack))
                {
                    AddWithParents(result, topic.Id);
                }
            }
        }

        return result.Count <= MaxTopicsPerArticle ? result : result[..MaxTopicsPerArticle];
    }

    /// <summary>
    /// The topics among <paramref name="topicNames"/> that the taxonomy does not define, each with the spelling the
    /// article gives it (the first, when the article spells one topic several ways): their display name.
    /// </summary>
    public IReadOnlyList<TopicSpelling> UndefinedSpellings(IReadOnlyList<string> topicNames)
    {
        var result = new List<TopicSpelling>();
        foreach (var raw in topicNames)
        {
            var name = Displayable(raw);
            if (name.Length == 0 || _byName.ContainsKey(raw) || _byId.ContainsKey(raw) || _byName.ContainsKey(name) || _byId.ContainsKey(name))
            {
                continue;
            }

            // The id Resolve gives the same name, so the spelling names the topic the article is listed under.
            var id = Slug(raw);
            if (id.Length > 0 && !_byId.ContainsKey(id) && !result.Exists(s => s.TopicId == id))
            {
                result.Add(new TopicSpelling(id, name.Length <= MaxNameLength ? name : name[..MaxNameLength]));
            }
        }

        return result;
    }

    /// <summary>
    /// A name as pages can show it: control characters and lone surrogates (which no XML feed can carry) dropped, runs
    /// of white space made one space, trimmed.
    /// </summary>
    private static string Displayable(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in WithoutLoneSurrogates(name))
        {
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else if (!char.IsControl(c) && c is not ('\uFFFE' or '\uFFFF'))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    private static string WithoutLoneSurrogates(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text[i]).Append(text[++i]);
            }
            else if (!char.IsSurrogate(text[i]))
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>A URL- and key-safe id for any topic name: lower-case letters, digits and single hyphens.</summary>
    public static string Slug(string name)
    {
        // A lone surrogate (JSON can spell one, "\\ud800") makes normalisation throw: it is no letter, so it goes first.
        var folded = (name.Any(char.IsSurrogate) ? WithoutLoneSurrogates(name) : name).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(Math.Min(folded.Length, 64));
        foreach (var c in folded)
        {
            if (builder.Length >= 60)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length > 0 ? slug : "topic-" + ArticleIdentity.Hash(name)[..8];
    }

    private void AddWithParents(List<string> result, string id)
    {
        for (var depth = 0; id is not null && depth < 8; depth++)
        {
            if (!result.Contains(id, StringComparer.Ordinal))
            {
                result.Add(id);
            }

            id = _byId.TryGetValue(id, out var topic) ? topic.ParentId! : null!;
        }
    }
}
