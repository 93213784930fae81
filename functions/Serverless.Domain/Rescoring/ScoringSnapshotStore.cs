using System.IO.Compression;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;
using Serverless.Domain.Scoring;
using Serverless.Domain.Storage;
using Serverless.Domain.Stores;

namespace Serverless.Domain.Rescoring;

/// <summary>
/// What the last rescoring run knew of each Articles shard, one compressed blob per shard in the rescore-state
/// container: every article's <see cref="ScoringRecord"/> and the storage time the shard was read. The next run
/// reads the blob and asks the table only for the rows changed since (their Timestamp), instead of listing the whole
/// table: articles are never deleted, so the blob plus the changes is the shard. A blob written under other settings
/// (taxonomy, scoring options, format) or that cannot be read is ignored, and the shard is read in full.
/// </summary>
public sealed class ScoringSnapshotStore : IStorageSchema
{
    private const int FormatVersion = 3;
    private readonly BlobContainerClient _container;

    public ScoringSnapshotStore(BlobServiceClient blobs, IOptions<StorageOptions> options)
    {
        _container = blobs.GetBlobContainerClient(options.Value.RescoreStateContainer);
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    /// <summary>The shard as last recorded under <paramref name="settings"/>, or null when there is no usable record.</summary>
    public async Task<ShardSnapshot?> ReadAsync(string shard, string settings, CancellationToken cancellationToken)
    {
        try
        {
            var download = await _container.GetBlobClient(BlobName(shard)).DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using var gzip = new GZipStream(download.Value.Content, CompressionMode.Decompress);
            using var buffered = new BufferedStream(gzip, 1 << 16);
            using var reader = new BinaryReader(buffered);
            if (reader.ReadInt32() != FormatVersion || reader.ReadString() != settings)
            {
                return null;
            }

            var readAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            var fullReadAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            var count = reader.ReadInt32();
            var records = new List<ScoringRecord>(count);
            for (var i = 0; i < count; i++)
            {
                records.Add(ReadRecord(reader));
            }

            return new ShardSnapshot(records, readAt, fullReadAt);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or IOException or FormatException
            or OverflowException or ArgumentException or OutOfMemoryException)
        {
            // A torn or foreign blob: the shard is read in full and the blob replaced.
            return null;
        }
    }

    public async Task WriteAsync(string shard, string settings, ShardSnapshot snapshot, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        await using (var writer = new BinaryWriter(gzip))
        {
            writer.Write(FormatVersion);
            writer.Write(settings);
            writer.Write(snapshot.ReadAt.UtcTicks);
            writer.Write(snapshot.FullReadAt.UtcTicks);
            writer.Write(snapshot.Records.Count);
            foreach (var record in snapshot.Records)
            {
                WriteRecord(writer, record);
            }
        }

        buffer.Position = 0;
        try
        {
            await _container.GetBlobClient(BlobName(shard)).UploadAsync(buffer, overwrite: true, cancellationToken);
        }
        catch (RequestFailedException ex) when (StorageFaults.IsLayoutMissing(ex))
        {
            // Storage came back without the container (a fresh emulator): lay it out again.
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            buffer.Position = 0;
            await _container.GetBlobClient(BlobName(shard)).UploadAsync(buffer, overwrite: true, cancellationToken);
        }
    }

    private static string BlobName(string shard) => $"articles-{shard}.bin";

    private static void WriteRecord(BinaryWriter writer, ScoringRecord record)
    {
        writer.Write(record.Id);
        writer.Write(record.Version ?? string.Empty);
        writer.Write(record.Quality ?? int.MinValue);
        writer.Write(record.Published.UtcTicks);
        writer.Write(record.Score is not null);
        if (record.Score is { } score)
        {
            writer.Write(score.StoryId);
            writer.Write(score.StorySize);
            writer.Write(score.StoryProviders);
            writer.Write(score.BaseHeat);
            writer.Write(score.Published);
            WriteStrings(writer, score.TopicIds);
        }

        WriteStrings(writer, record.Topics);
        var member = record.Member;
        writer.Write(member.PublishedTicks ?? long.MinValue);
        writer.Write(member.TextOnly);
        writer.Write(member.Quality);
        writer.Write(member.ProviderHash);
        writer.Write(member.Sketch.Length);
        foreach (var value in member.Sketch)
        {
            writer.Write(value);
        }

        writer.Write(record.RelatedIds.Length);
        foreach (var id in record.RelatedIds)
        {
            writer.Write((ulong)(id >> 64));
            writer.Write((ulong)id);
        }

        writer.Write(record.RelatedProviders.Length);
        foreach (var provider in record.RelatedProviders)
        {
            writer.Write(provider);
        }

        writer.Write(record.Recheck.Count);
        foreach (var row in record.Recheck)
        {
            writer.Write(row.TopicId);
            writer.Write(row.RowKey);
        }
    }

    private static ScoringRecord ReadRecord(BinaryReader reader)
    {
        var id = reader.ReadString();
        var version = reader.ReadString();
        var quality = reader.ReadInt32();
        var published = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
        ArticleScore? score = null;
        if (reader.ReadBoolean())
        {
            score = new ArticleScore(reader.ReadString(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadBoolean(), ReadStrings(reader));
        }

        var topics = ReadStrings(reader);
        var publishedTicks = reader.ReadInt64();
        var textOnly = reader.ReadBoolean();
        var memberQuality = reader.ReadInt32();
        var providerHash = reader.ReadUInt64();
        var sketch = new uint[reader.ReadInt32()];
        for (var i = 0; i < sketch.Length; i++)
        {
            sketch[i] = reader.ReadUInt32();
        }

        var relatedIds = new UInt128[reader.ReadInt32()];
        for (var i = 0; i < relatedIds.Length; i++)
        {
            relatedIds[i] = new UInt128(reader.ReadUInt64(), reader.ReadUInt64());
        }

        var relatedProviders = new ulong[reader.ReadInt32()];
        for (var i = 0; i < relatedProviders.Length; i++)
        {
            relatedProviders[i] = reader.ReadUInt64();
        }

        var recheck = new TopicIndexRow[reader.ReadInt32()];
        for (var i = 0; i < recheck.Length; i++)
        {
            recheck[i] = new TopicIndexRow(reader.ReadString(), reader.ReadString());
        }

        var member = new StoryMember(StoryClusterer.ParseId(id), publishedTicks == long.MinValue ? null : publishedTicks, textOnly, memberQuality, providerHash, sketch);
        return new ScoringRecord(id, version.Length == 0 ? null : version, quality == int.MinValue ? null : quality, published, score, topics, member, relatedIds, relatedProviders)
        {
            Recheck = recheck,
        };
    }

    private static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static string[] ReadStrings(BinaryReader reader)
    {
        var values = new string[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadString();
        }

        return values;
    }
}
