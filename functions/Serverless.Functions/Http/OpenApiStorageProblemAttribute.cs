using Microsoft.OpenApi.Models;

namespace Serverless.Functions.Http;

/// <summary>
/// The 503 problem with Retry-After that every operation reading or writing storage can answer
/// (<see cref="StorageUnavailableAnswer"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OpenApiStorageProblemAttribute : OpenApiProblemAttribute
{
    public OpenApiStorageProblemAttribute()
        : base(503, "Storage did not answer; retry after the Retry-After seconds (application/problem+json).")
    {
    }

    protected override IEnumerable<(string Name, OpenApiHeader Header)> Headers() =>
    [
        ("Retry-After", new OpenApiHeader
        {
            Description = $"Seconds to wait before retrying ({StorageUnavailableAnswer.RetryAfterSeconds}).",
            Required = true,
            Schema = new OpenApiSchema { Type = "integer", Format = "int32" },
        }),
    ];
}
