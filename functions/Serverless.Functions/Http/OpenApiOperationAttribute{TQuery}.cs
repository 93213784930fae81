namespace Serverless.Functions.Http;

/// <summary>
/// An <see cref="OpenApiOperationAttribute"/> whose query parameters are described by <typeparamref name="TQuery"/>,
/// the type that parses them, so the description and the parsing cannot drift apart.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OpenApiOperationAttribute<TQuery> : OpenApiOperationAttribute
    where TQuery : IDocumentedQuery
{
    public OpenApiOperationAttribute(string summary)
        : base(summary)
    {
    }

    public override IReadOnlyList<QueryParameterDescription> QueryParameters => TQuery.QueryParameters;
}
