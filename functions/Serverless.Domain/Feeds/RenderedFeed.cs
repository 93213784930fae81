namespace Serverless.Domain.Feeds;

/// <summary>A feed ready to send: its bytes and their media type.</summary>
public sealed record RenderedFeed(byte[] Body, string ContentType);
