using System.Text.Json.Serialization;

namespace Serverless.Functions.Http;

/// <summary>The wire shape of an RFC 9457 problem (<c>application/problem+json</c>): <see cref="Detail"/> says what to change.</summary>
/// <param name="Type">A URI naming the kind of problem: here the status code's page.</param>
/// <param name="Instance">A URI of this occurrence; omitted when null.</param>
public sealed record ProblemDetailsResponse(
    string Type,
    string Title,
    int Status,
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Instance = null);
