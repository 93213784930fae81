using Serverless.Domain.Scoring;

namespace Serverless.UnitTests.Scoring;

/// <summary>Story members for the clustering mechanisms' tests: only the id, date and words matter.</summary>
public static class Members
{
    public static StoryMember Of(int id, uint[] words, long? published = 0, int quality = 50, ulong provider = 1) =>
        new((UInt128)(uint)id, published, false, quality, provider, [.. words.Distinct().Order()]);
}
