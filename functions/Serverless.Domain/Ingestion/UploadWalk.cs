using Azure;
using Microsoft.Extensions.Logging;

namespace Serverless.Domain.Ingestion;

/// <summary>
/// A bounded, resumable walk over the articles container, shared by the recovery and reconcile timers, each with a
/// cursor of its own (stored with the statuses, so a restart resumes). A run lists at most the pages it is given,
/// from where the last run of the same walk stopped, wrapping around at the end, and reads the statuses of each page's
/// stretch of names (after the last name of the page before, through its own last name; through the end for the
/// container's last page) in one range read. Blob names and status keys sort alike, so every blob, and every status
/// whose blob is gone, is met once per pass.
/// </summary>
public sealed partial class UploadWalk
{
    private readonly UploadStore _uploads;
    private readonly IngestStatusStore _status;
    private readonly TimeProvider _clock;
    private readonly ILogger<UploadWalk> _logger;

    public UploadWalk(UploadStore uploads, IngestStatusStore status, TimeProvider clock, ILogger<UploadWalk> logger)
    {
        _uploads = uploads;
        _status = status;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>
    /// Walks up to <paramref name="pages"/> pages of <paramref name="pageSize"/> names for walk <paramref name="walk"/>,
    /// handing each to <paramref name="visit"/> before the cursor moves past it (a run that dies repeats that page).
    /// Returns the blobs listed.
    /// </summary>
    public async Task<long> WalkAsync(string walk, int pages, int pageSize, Func<UploadWalkPage, CancellationToken, Task> visit, CancellationToken cancellationToken)
    {
        // Statuses are written behind: the ones this process has queued must be seen before a blob is judged by them.
        await _status.FlushAsync(cancellationToken);
        var now = _clock.GetUtcNow();
        var cursor = await _status.GetRecoveryCursorAsync(walk, cancellationToken) ?? RecoveryCursor.Start(now);
        long listed = 0;
        for (var page = 0; page < pages; page++)
        {
            UploadPage blobs;
            try
            {
                blobs = await _uploads.ListPageAsync(cursor.Marker, pageSize, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 400 && cursor.Marker is not null)
            {
                // A stored position the service no longer accepts: start the pass again rather than stall.
                LogMarkerRefused(walk, cursor.LastBlob, ex.ErrorCode);
                cursor = cursor.Restart(now);
                continue;
            }

            // The last page reads through the end; an empty page that is not the last (the service may answer one)
            // has no stretch of names of its own.
            var statuses = blobs.ContinuationToken is not null && blobs.Blobs.Count == 0
                ? []
                : await _status.ReadRangeAsync(cursor.LastBlob, blobs.ContinuationToken is null ? null : blobs.Blobs[^1].Name, cancellationToken);
            await visit(new UploadWalkPage(blobs.Blobs, statuses), cancellationToken);
            listed += blobs.Blobs.Count;

            var passBlobs = cursor.PassBlobs + blobs.Blobs.Count;
            var passStartedAt = cursor.PassStartedAt;
            if (await _status.TrySaveRecoveryCursorAsync(walk, cursor.Advance(blobs, now), cancellationToken) is not { } next)
            {
                // Another run moved the cursor meanwhile (overlapping runs): it walks on; this one stops.
                LogOverlap(walk);
                break;
            }

            cursor = next;
            if (cursor.AtPassStart)
            {
                // The end of the container: the next run starts the next pass at the first name.
                LogPassCompleted(walk, passBlobs, now - passStartedAt);
                break;
            }
        }

        return listed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Walk} pass over {Blobs} uploads completed in {Duration}")]
    private partial void LogPassCompleted(string walk, long blobs, TimeSpan duration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The service refused the {Walk} walk's stored listing position after {LastBlob} ({ErrorCode}); its pass starts again")]
    private partial void LogMarkerRefused(string walk, string? lastBlob, string? errorCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another {Walk} run moved the cursor; this one stops")]
    private partial void LogOverlap(string walk);
}
