namespace Serverless.Functions.Http;

/// <summary>The JSON body an HTTP function reads, for openapi.json.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OpenApiRequestBodyAttribute : Attribute
{
    public OpenApiRequestBodyAttribute(Type body, string description)
    {
        Body = body;
        Description = description;
    }

    /// <summary>The type the body deserializes to.</summary>
    public Type Body { get; }

    /// <summary>What the body carries, in a sentence.</summary>
    public string Description { get; }
}
