namespace Serverless.Domain.Feeds;

/// <summary>What came of asking for a page of a topic feed.</summary>
public enum TopicFeedOutcome
{
    /// <summary>The page, possibly empty.</summary>
    Page,

    /// <summary>Neither the taxonomy nor any article knows the topic.</summary>
    NoSuchTopic,

    /// <summary>The cursor was not issued for this topic by this service, or was altered.</summary>
    InvalidCursor,
}
