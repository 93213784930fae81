using System.Diagnostics.CodeAnalysis;

namespace Serverless.Domain.Feeds;

/// <summary>A page of a story with the next page's cursor, or why there is none.</summary>
/// <param name="Story">The story (a page only).</param>
/// <param name="Members">The page's members, as stored (the caller shapes them for its format).</param>
/// <param name="NextCursor">The opaque cursor of the next page; null on the last page.</param>
/// <param name="MergedInto">The story that absorbed this one (<see cref="StoryPageOutcome.Merged"/> only).</param>
public sealed record StoryPageResult(StoryPageOutcome Outcome, StoryView? Story, IReadOnlyList<StoryMemberView> Members, string? NextCursor, string? MergedInto = null)
{
    public static StoryPageResult NotFound { get; } = new(StoryPageOutcome.NotFound, null, [], null);

    public static StoryPageResult Gone { get; } = new(StoryPageOutcome.Gone, null, [], null);

    public static StoryPageResult InvalidCursor { get; } = new(StoryPageOutcome.InvalidCursor, null, [], null);

    [MemberNotNullWhen(true, nameof(Story))]
    public bool IsPage => Outcome == StoryPageOutcome.Page;
}
