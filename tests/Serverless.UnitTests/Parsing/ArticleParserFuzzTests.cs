using System.Diagnostics;
using System.Text;
using Serverless.Domain.Parsing;
using Serverless.UnitTests.Support;

namespace Serverless.UnitTests.Parsing;

/// <summary>
/// Random mutations of real corpus files, for a bounded time with a fixed seed: the parser must never throw, never
/// hang, and never allocate more than a bounded multiple of its input.
/// </summary>
public sealed class ArticleParserFuzzTests
{
    private static readonly byte[][] Tokens =
    [
        "---\n"u8.ToArray(), "\n"u8.ToArray(), "\r\n"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(),
        "&a "u8.ToArray(), "*a"u8.ToArray(), ": "u8.ToArray(), "- "u8.ToArray(), "\""u8.ToArray(), "'"u8.ToArray(), "\t"u8.ToArray(),
        "<<: *a\n"u8.ToArray(), "!!binary "u8.ToArray(), "%YAML 1.2\n"u8.ToArray(), "quality: "u8.ToArray(), "title: "u8.ToArray(),
        "&amp;"u8.ToArray(), "<script>"u8.ToArray(), [0x00], [0xC3], [0xFF, 0xFE], [0xEF, 0xBB, 0xBF], "\u202e"u8.ToArray(),
    ];

    [SharedDataFact]
    public void RandomMutationsOfTheCorpusNeverCrashHangOrBlowUp()
    {
        var parser = Parsers.Create();
        var seeds = Directory.GetFiles(RepositoryPaths.Corpus).Concat(Directory.GetFiles(RepositoryPaths.Samples)).Select(File.ReadAllBytes).ToList();
        var random = new Random(20261125);
        var budget = Stopwatch.StartNew();
        int iterations = 0, accepted = 0, rejected = 0;
        var slowest = TimeSpan.Zero;

        while (budget.Elapsed < TimeSpan.FromSeconds(15) && iterations < 200_000)
        {
            var input = Mutate(seeds[random.Next(seeds.Count)], random);
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            ArticleParseResult result;
            try
            {
                result = parser.Parse(input, "fuzz.md");
            }
            catch (Exception ex)
            {
                Assert.Fail($"Parse threw {ex.GetType().Name} on iteration {iterations}: {ex.Message}\ninput: {Convert.ToBase64String(input)}");
                return;
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            slowest = elapsed > slowest ? elapsed : slowest;
            Assert.True(elapsed < TimeSpan.FromSeconds(2), $"iteration {iterations} took {elapsed.TotalMilliseconds:F0} ms (a hang?)\ninput: {Convert.ToBase64String(input)}");
            Assert.True(allocated < (input.Length * 400L) + (64L * 1024 * 1024), $"iteration {iterations} allocated {allocated:N0} bytes for {input.Length:N0} input bytes");
            Assert.True(result.Succeeded ^ (result.Error is not null));
            if (result.Succeeded)
            {
                accepted++;
            }
            else
            {
                rejected++;
                Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
            }

            iterations++;
        }

        Assert.True(iterations > 500, $"only {iterations} iterations ran");
        Assert.True(accepted > 0 && rejected > 0, $"mutations should produce both outcomes ({accepted} accepted, {rejected} rejected)");
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = new List<byte>(seed);
        var operations = random.Next(1, 6);
        for (var i = 0; i < operations && data.Count > 0; i++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(6))
            {
                case 0:
                    data[at] = (byte)random.Next(256);
                    break;
                case 1:
                    data.RemoveRange(at, Math.Min(random.Next(1, 200), data.Count - at));
                    break;
                case 2:
                    data.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 3:
                    var length = Math.Min(random.Next(1, 400), data.Count - at);
                    var slice = data.GetRange(at, length);
                    for (var copies = random.Next(1, 20); copies > 0; copies--)
                    {
                        data.InsertRange(random.Next(data.Count), slice);
                    }

                    break;
                case 4:
                    data.RemoveRange(at, data.Count - at);
                    break;
                default:
                    data.InsertRange(at, Encoding.UTF8.GetBytes(new string('[', random.Next(1, 300))));
                    break;
            }
        }

        return data.ToArray();
    }
}
