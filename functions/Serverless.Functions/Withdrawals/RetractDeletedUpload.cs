using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Domain.Storage;
using Serverless.Domain.Withdrawals;

namespace Serverless.Functions.Withdrawals;

/// <summary>
/// A BlobDeleted event for the articles container, put in queue <see cref="Queue"/> by Event Grid: the deleted upload's
/// article loses it as a source and is retracted if no other file carries it. A message that is not such an event is
/// logged and dropped (retrying cannot fix it); a storage failure throws, so the queue delivers it again and, after
/// five tries, moves it to the poison queue, while the reconcile timer handles the delete anyway.
/// </summary>
public sealed partial class RetractDeletedUpload
{
    /// <summary>The queue Event Grid delivers BlobDeleted events to (created by the Bicep; nothing sends to it locally, where the reconcile timer finds deletes).</summary>
    public const string Queue = "upload-deletions";
    private readonly BlobRetractions _retractions;
    private readonly StorageOptions _storage;
    private readonly ILogger<RetractDeletedUpload> _logger;

    public RetractDeletedUpload(BlobRetractions retractions, IOptions<StorageOptions> storage, ILogger<RetractDeletedUpload> logger)
    {
        _retractions = retractions;
        _storage = storage.Value;
        _logger = logger;
    }

    [Function(nameof(RetractDeletedUpload))]
    public async Task Run([QueueTrigger(Queue, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken)
    {
        if (!BlobDeletedEvent.TryParse(message, _storage.ArticlesContainer, out var blobName, out var ignored))
        {
            LogIgnored(ignored);
            return;
        }

        await _retractions.BlobDeletedAsync(blobName, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a message in the deletions queue: {Reason}")]
    private partial void LogIgnored(string reason);
}
