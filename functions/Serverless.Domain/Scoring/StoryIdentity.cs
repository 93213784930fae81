namespace Serverless.Domain.Scoring;

/// <summary>A stored story as its identity rules see it: its id, how many members it has and when it began.</summary>
/// <param name="Id">The story's id (32 hex digits).</param>
/// <param name="Members">Its ingested articles: entries known only from related lists do not count, so a file that names many URLs cannot decide which id survives a merge.</param>
/// <param name="Began">When its earliest member was published (ticks): on equal size the older story survives a merge.</param>
public sealed record StoryIdentity(string Id, int Members, long Began);
