using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Serverless.Bench;

/// <summary>
/// Makes N article files from the shared corpus: each variant keeps its source's shape (front matter, provider, images,
/// related list, body) and gets its own URLs, a topic drawn from 20, and a story: groups of seven share related URLs, a
/// two-day span within the last month and their words (titles and excerpts drawn for the story from the corpus's
/// vocabulary), so stories of seven form, as in real news, rather than every copy of a source being one story.
/// </summary>
public static partial class CorpusGenerator
{
    private static readonly string[] Topics =
    [
        "AI", "Machine Learning", "Generative AI", "Computer Vision", "Natural Language Processing", "AI Ethics", "AI Hardware",
        "AI in Autos", "AI in Healthcare", "AI in Finance", "AI in Marketing", "AI in Education", "AI in Robotics", "AI in Security",
        "AWS AI", "Microsoft AI", "Google AI", "Meta AI", "IBM AI", "AI in Entertainment",
    ];

    /// <param name="sharedDirectory">The shared folder (corpus and samples).</param>
    /// <param name="count">How many files.</param>
    /// <param name="now">The files are dated within the month before it.</param>
    /// <param name="first">The number of the first file: files numbered apart never share a URL or a story.</param>
    public static List<(string Name, byte[] Content)> Generate(string sharedDirectory, int count, DateTimeOffset now, int first = 0)
    {
        var sources = Directory.GetFiles(Path.Combine(sharedDirectory, "corpus", "ai"))
            .Concat(Directory.GetFiles(Path.Combine(sharedDirectory, "samples")))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToList();
        var vocabulary = sources.SelectMany(source => TextLine().Matches(source))
            .SelectMany(line => Word().Matches(line.Groups[1].Value).Select(m => m.Value.ToLowerInvariant()))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var random = new Random(42);
        var result = new List<(string, byte[])>(count);
        DateTimeOffset storyDate = now;
        for (var i = first; i < first + count; i++)
        {
            var source = sources[i % sources.Count];
            var group = i / 7;
            if (i % 7 == 0)
            {
                storyDate = now.AddMinutes(-random.Next(2 * 60 * 24, 60 * 24 * 30));
            }

            // A story's seven articles come out within two days of each other and say the same thing in their own
            // words (the story's words, drawn from the corpus vocabulary); other stories say something else.
            var published = storyDate.AddMinutes(random.Next(0, 2 * 60 * 24));
            var story = new StoryText(vocabulary, group);
            var text = source.StartsWith("---", StringComparison.Ordinal)
                ? FrontMatterVariant(source, i, group, published, Topics[random.Next(Topics.Length)], story)
                : $"{story.Title} ({i})\n{story.Excerpt}\n{story.Lead}\n\n{(source.Split('\n', 2) is { Length: 2 } parts ? parts[1] : string.Empty)}";
            result.Add(($"bench/{i / 1000:D3}/{i:D6}.md", Encoding.UTF8.GetBytes(text)));
        }

        return result;
    }

    private static string FrontMatterVariant(string source, int i, int group, DateTimeOffset published, string topic, StoryText story)
    {
        var text = OwnUrl().Replace(source, m => $"{m.Groups[1].Value}\"{WithMarker(m.Groups[2].Value, $"v{i}")}\"");
        text = RelatedUrl().Replace(text, m => $"{m.Groups[1].Value}\"{WithMarker(m.Groups[2].Value, $"g{group}")}\"");
        text = PublishedLine().Replace(text, $"publishedDateTime: {published.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}", 1);
        text = TitleLine().Replace(text, _ => $"title: \"{story.Title} #{i}\"", 1);
        text = ExcerptLine().Replace(text, _ => $"excerpt: \"{story.Excerpt}\"", 1);
        var related = 0;
        text = RelatedTitleLine().Replace(text, m => $"{m.Groups[1].Value}\"{story.RelatedTitle(related++)}\"");
        text = RelatedExcerptLine().Replace(text, m => $"{m.Groups[1].Value}\"{story.Excerpt}\"");
        return TopicsBlock().Replace(text, $"topics:\n  - {topic}\n  - AI\n", 1);
    }

    /// <summary>
    /// A URL made the variant's own: the marker goes into the path, before any query or fragment, which canonical URLs
    /// drop in part (`?ref=...`) or whole (`#...`): appended after them it would vanish, and every variant would share
    /// the URL.
    /// </summary>
    private static string WithMarker(string url, string marker)
    {
        var cut = url.IndexOfAny(['?', '#']);
        return cut < 0 ? $"{url.TrimEnd('/')}/{marker}" : $"{url[..cut].TrimEnd('/')}/{marker}{url[cut..]}";
    }

    [GeneratedRegex("[A-Za-z]{4,}")]
    private static partial Regex Word();

    [GeneratedRegex("^\\s*-?\\s*(?:title|excerpt): \"(.*)\"", RegexOptions.Multiline)]
    private static partial Regex TextLine();

    [GeneratedRegex("^excerpt: \"(.*)\"\\s*$", RegexOptions.Multiline)]
    private static partial Regex ExcerptLine();

    [GeneratedRegex("^(  - title: )\"(.*)\"", RegexOptions.Multiline)]
    private static partial Regex RelatedTitleLine();

    [GeneratedRegex("^(    excerpt: )\"(.*)\"", RegexOptions.Multiline)]
    private static partial Regex RelatedExcerptLine();

    /// <summary>
    /// The words one story is told in, the same for each of its articles: a few of its own (as a real story has its
    /// names and places) among common words drawn from the corpus's vocabulary.
    /// </summary>
    private sealed class StoryText
    {
        private readonly string[] _vocabulary;
        private readonly int _group;

        public StoryText(string[] vocabulary, int group)
        {
            _vocabulary = vocabulary;
            _group = group;
            Title = Words(1, own: 3, common: 5);
            Excerpt = Words(2, own: 8, common: 22);
            Lead = Words(63, own: 12, common: 108);
        }

        public string Title { get; }

        public string Excerpt { get; }

        /// <summary>
        /// A plain-text article's first paragraph: text articles are matched on their opening words, which must be the
        /// story's, not the source's (every copy of a source would otherwise be one story).
        /// </summary>
        public string Lead { get; }

        public string RelatedTitle(int k) => Words(3 + k, own: 2, common: 6);

        private string Words(int part, int own, int common)
        {
            var random = new Random((_group * 64) + part);
            var words = Enumerable.Range(0, own).Select(k => OwnWord(part, k))
                .Concat(Enumerable.Range(0, common).Select(_ => _vocabulary[random.Next(_vocabulary.Length)]))
                .OrderBy(_ => random.Next());
            return string.Join(' ', words);
        }

        private string OwnWord(int part, int k)
        {
            // A fixed mix (HashCode is seeded per process): the same corpus every run.
            var value = (uint)(((((ulong)_group * 64) + (ulong)part) * 64 + (ulong)k) * 11_400_714_819_323_198_485UL >> 32) % 308_915_776u; // 26^6 six-letter words
            var letters = new char[6];
            for (var i = 0; i < letters.Length; i++)
            {
                letters[i] = (char)('a' + (value % 26));
                value /= 26;
            }

            return new string(letters);
        }
    }

    [GeneratedRegex("^((?:webUrl|originalUrl): )\"([^\"]*)\"", RegexOptions.Multiline)]
    private static partial Regex OwnUrl();

    [GeneratedRegex("^(    webUrl: )\"([^\"]*)\"", RegexOptions.Multiline)]
    private static partial Regex RelatedUrl();

    [GeneratedRegex("^publishedDateTime: .*$", RegexOptions.Multiline)]
    private static partial Regex PublishedLine();

    [GeneratedRegex("^title: \"(.*)\"\\s*$", RegexOptions.Multiline)]
    private static partial Regex TitleLine();

    [GeneratedRegex("^topics:\\n(?:  - .*\\n)+", RegexOptions.Multiline)]
    private static partial Regex TopicsBlock();
}
