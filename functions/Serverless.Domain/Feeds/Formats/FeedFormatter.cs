using System.Text.Json;
using Serverless.Domain.Feeds;

namespace Serverless.Domain.Feeds.Formats;

/// <summary>
/// One feed format: the name <c>?format=</c> selects it by, the media type an Accept header selects it by, and its
/// rendering of a <see cref="FeedPage"/>. Listed in <see cref="FeedFormats.All"/>, from which negotiation, the
/// error for an unknown format and the OpenAPI description are derived.
/// </summary>
public abstract class FeedFormatter
{
    /// <summary>The value of <c>?format=</c> that selects this format (lower case).</summary>
    public abstract string Name { get; }

    /// <summary>The media type an Accept header names to select this format, and that the response carries.</summary>
    public abstract string MediaType { get; }

    /// <summary>
    /// Which format wins when an Accept header names several (the highest): feed readers commonly accept both RSS
    /// and Atom, and get the richer one.
    /// </summary>
    public abstract int AcceptPreference { get; }

    /// <summary>The Content-Type of a rendered page.</summary>
    public string ContentType => $"{MediaType}; charset=utf-8";

    /// <summary>
    /// What the body serializes when it is JSON, and the options it is serialized with, for the OpenAPI schemas; null
    /// when it is not JSON. <paramref name="subjectResponse"/> is the type of the subject's own JSON
    /// (<see cref="FeedSubject.ToJsonResponse"/>).
    /// </summary>
    public virtual (Type Type, JsonSerializerOptions Options)? JsonBody(Type subjectResponse) => null;

    /// <summary>The page in this format, UTF-8 encoded. Text is escaped by the JSON and XML writers, never concatenated.</summary>
    public abstract byte[] Render(FeedPage page);
}
