using Serverless.Domain.Stores;

namespace Serverless.Domain.Feeds;

/// <summary>A story as a topic's list shows it: its head (lead, counts, other outlets) and its heat now.</summary>
public sealed record StoryListing(StoryHead Head, double Heat);
