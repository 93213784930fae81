using Microsoft.Extensions.Logging;
using Serverless.Domain.Storage;

namespace Serverless.Functions.Http;

/// <summary>
/// The answer to an HTTP request that failed because storage did not answer: 503 problem+json with Retry-After, not
/// a bare 500, since the same request may well succeed shortly. The worker gives it through
/// <see cref="StorageUnavailableMiddleware"/>; the local host, which does not run worker middleware, calls the same
/// two methods, so what the integration tests see is what Azure answers.
/// </summary>
public static partial class StorageUnavailableAnswer
{
    public const int RetryAfterSeconds = 5;

    /// <summary>Whether <paramref name="exception"/> means storage did not answer (see <see cref="StorageFaults.IsUnavailable"/>).</summary>
    public static bool AppliesTo(Exception exception) => StorageFaults.IsUnavailable(exception);

    /// <summary>Logs the failure of <paramref name="function"/> and returns the 503 to send instead.</summary>
    public static PayloadResult For(Exception exception, string function, ILogger logger)
    {
        LogStorageUnavailable(logger, exception, function);
        return ApiResults.Problem(
            503,
            "Storage unavailable",
            "The pipeline's storage (the AzureWebJobsStorage setting) did not answer. Retry in a few seconds; when running locally, check that Azurite is running.",
            retryAfterSeconds: RetryAfterSeconds);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} answered 503: storage did not answer.")]
    private static partial void LogStorageUnavailable(ILogger logger, Exception exception, string function);
}
