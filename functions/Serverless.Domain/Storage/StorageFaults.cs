using Azure;

namespace Serverless.Domain.Storage;

/// <summary>Tells a storage outage (worth retrying later) from a request storage refused (a bug or bad data).</summary>
public static class StorageFaults
{
    /// <summary>
    /// True when storage did not answer or answered that it is unavailable: no response at all (status 0, a
    /// connection refused or reset), a timeout, throttling, or a 5xx. The Azure SDK wraps its last attempts in an
    /// <see cref="AggregateException"/> once its retries are used up.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnavailable),
        HttpRequestException or IOException or System.Net.Sockets.SocketException => true,
        _ => false,
    };

    /// <summary>True when storage answered but lacks the table or container (a fresh emulator, one deleted by hand).</summary>
    public static bool IsLayoutMissing(RequestFailedException exception) =>
        exception.Status == 404 && exception.ErrorCode is "TableNotFound" or "ContainerNotFound";
}
