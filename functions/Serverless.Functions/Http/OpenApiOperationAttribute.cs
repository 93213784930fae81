namespace Serverless.Functions.Http;

/// <summary>
/// Describes an HTTP function in openapi.json (see <see cref="OpenApiDocumentFactory"/>); every HTTP function has
/// one, and the description cannot be built without it. Functions that read query parameters use
/// <see cref="OpenApiOperationAttribute{TQuery}"/>, naming the type that parses and describes them.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public class OpenApiOperationAttribute : Attribute
{
    public OpenApiOperationAttribute(string summary)
    {
        Summary = summary;
    }

    /// <summary>One sentence saying what the operation answers.</summary>
    public string Summary { get; }

    /// <summary>The query parameters the operation reads.</summary>
    public virtual IReadOnlyList<QueryParameterDescription> QueryParameters => [];
}
