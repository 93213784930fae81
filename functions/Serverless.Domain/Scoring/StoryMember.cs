namespace Serverless.Domain.Scoring;

/// <summary>The little the story clustering keeps in memory per article (a few hundred bytes, whatever the article's size).</summary>
public sealed record StoryMember(
    UInt128 Id,
    long? PublishedTicks,
    bool TextOnly,
    int Quality,
    ulong ProviderHash,
    uint[] Sketch);
