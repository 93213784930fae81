namespace Serverless.Domain.Feeds;

/// <summary>What a story id leads to.</summary>
public enum StoryPageOutcome
{
    /// <summary>A page of the story.</summary>
    Page,

    /// <summary>No story ever had this id.</summary>
    NotFound,

    /// <summary>Every member of the story was removed.</summary>
    Gone,

    /// <summary>The story was merged into another (for good).</summary>
    Merged,

    /// <summary>The cursor was not issued for this story and order.</summary>
    InvalidCursor,
}
