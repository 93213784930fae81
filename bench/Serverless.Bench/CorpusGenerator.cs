using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Serverless.Bench;

/// <summary>
/// Makes N article files from the shared corpus: each variant gets its own URLs, a date spread over the last weeks and
/// a topic drawn from 20, and groups of variants keep shared related URLs so stories of realistic size form.
/// </summary>
public static partial class CorpusGenerator
{
    private static readonly string[] Topics =
    [
        "AI", "Machine Learning", "Generative AI", "Computer Vision", "Natural Language Processing", "AI Ethics", "AI Hardware",
        "AI in Autos", "AI in Healthcare", "AI in Finance", "AI in Marketing", "AI in Education", "AI in Robotics", "AI in Security",
        "AWS AI", "Microsoft AI", "Google AI", "Meta AI", "IBM AI", "AI in Entertainment",
    ];

    public static List<(string Name, byte[] Content)> Generate(string sharedDirectory, int count, DateTimeOffset now)
    {
        var sources = Directory.GetFiles(Path.Combine(sharedDirectory, "corpus", "ai"))
            .Concat(Directory.GetFiles(Path.Combine(sharedDirectory, "samples")))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToList();
        var random = new Random(42);
        var result = new List<(string, byte[])>(count);
        for (var i = 0; i < count; i++)
        {
            var source = sources[i % sources.Count];
            var group = i / 7;
            var published = now.AddMinutes(-random.Next(0, 60 * 24 * 30));
            var text = source.StartsWith("---", StringComparison.Ordinal)
                ? FrontMatterVariant(source, i, group, published, Topics[random.Next(Topics.Length)])
                : $"{source.Split('\n', 2)[0]} ({i})\n{(source.Split('\n', 2) is { Length: 2 } parts ? parts[1] : string.Empty)}";
            result.Add(($"bench/{i / 1000:D3}/{i:D6}.md", Encoding.UTF8.GetBytes(text)));
        }

        return result;
    }

    private static string FrontMatterVariant(string source, int i, int group, DateTimeOffset published, string topic)
    {
        var text = OwnUrl().Replace(source, m => $"{m.Groups[1].Value}\"{m.Groups[2].Value.TrimEnd('/')}/v{i}\"");
        text = RelatedUrl().Replace(text, m => $"{m.Groups[1].Value}\"{m.Groups[2].Value.TrimEnd('/')}/g{group}\"");
        text = PublishedLine().Replace(text, $"publishedDateTime: {published.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}", 1);
        text = TitleLine().Replace(text, m => $"title: \"{m.Groups[1].Value} #{i}\"", 1);
        return TopicsBlock().Replace(text, $"topics:\n  - {topic}\n  - AI\n", 1);
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
