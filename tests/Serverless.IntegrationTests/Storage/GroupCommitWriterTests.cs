using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Moq;
using Serverless.Domain.Storage.Tables;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class GroupCommitWriterTests
{
    private readonly AzuriteFixture _azurite;

    public GroupCommitWriterTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task ConcurrentWritesShareTransactionsAndAllLand()
    {
        var (table, requests) = await NewTableAsync();
        var writer = new GroupCommitWriter(table);

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(() =>
            writer.WriteAsync($"p{i % 3}", [Upsert($"p{i % 3}", $"r{i:D3}", i)], CancellationToken.None))));

        var rows = await table.QueryAsync<TableEntity>().ToListAsync();
        Assert.Equal(300, rows.Count);
        Assert.True(requests.Writes < 150, $"{requests.Writes} requests for 300 writes: they were not grouped");
    }

    [Fact]
    public async Task TwoWritesToOneRowLandInOrderAndDeletingAMissingRowSucceeds()
    {
        var (table, _) = await NewTableAsync();
        var writer = new GroupCommitWriter(table);

        await Task.WhenAll(
            writer.WriteAsync("p", [Upsert("p", "same", 1)], CancellationToken.None),
            writer.WriteAsync("p", [Upsert("p", "same", 2)], CancellationToken.None),
            writer.WriteAsync("p", [new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "never-written"), ETag.All)], CancellationToken.None));

        Assert.Equal(2, (await table.GetEntityAsync<TableEntity>("p", "same")).Value.GetInt32("Value"));
    }

    [Fact]
    public async Task AWriteStorageRefusesFailsAloneAndTheOthersLand()
    {
        var (table, _) = await NewTableAsync();
        var writer = new GroupCommitWriter(table);
        var refused = new TableEntity("p", "too-big") { ["Value"] = new string('x', 70_000) };

        var good = Enumerable.Range(0, 20).Select(i => writer.WriteAsync("p", [Upsert("p", $"ok{i}", i)], CancellationToken.None)).ToList();
        var bad = writer.WriteAsync("p", [new TableTransactionAction(TableTransactionActionType.UpsertReplace, refused)], CancellationToken.None);

        await Task.WhenAll(good);
        await Assert.ThrowsAsync<RequestFailedException>(() => bad);
        Assert.Equal(20, await table.QueryAsync<TableEntity>().CountAsync());
    }

    [Fact]
    public async Task WritesQueuedBehindReturnAtOnceShareTransactionsAndAreSeenByReadersInTheProcess()
    {
        var (table, requests) = await NewTableAsync();
        var writer = new GroupCommitWriter(table);

        var queued = Enumerable.Range(0, 200).Select(i => writer.WriteBehind("p", [Upsert("p", $"r{i:D3}", i)], CancellationToken.None)).ToList();
        Assert.All(queued, task => Assert.True(task.IsCompleted));

        await writer.WhenWrittenAsync("p", "r199", CancellationToken.None);
        Assert.Equal(199, (await table.GetEntityAsync<TableEntity>("p", "r199")).Value.GetInt32("Value"));
        await writer.FlushAsync(CancellationToken.None);
        Assert.Equal(200, await table.QueryAsync<TableEntity>().CountAsync());
        Assert.True(requests.Writes <= 4, $"{requests.Writes} requests for 200 writes queued behind");
    }

    [Fact]
    public async Task AWriteQueuedBehindThatFailsIsLoggedNotThrownAndTheOthersLand()
    {
        var (table, _) = await NewTableAsync();
        var logger = new Mock<ILogger>();
        logger.Setup(l => l.IsEnabled(LogLevel.Warning)).Returns(true);
        var lost = new List<Exception>();
        var writer = new GroupCommitWriter(table, logger.Object, lost.Add);
        var refused = new TableEntity("p", "too-big") { ["Value"] = new string('x', 70_000) };

        await writer.WriteBehind("p", [Upsert("p", "ok1", 1), new TableTransactionAction(TableTransactionActionType.UpsertReplace, refused), Upsert("p", "ok2", 2)], CancellationToken.None);
        await writer.FlushAsync(CancellationToken.None);

        Assert.Equal(2, await table.QueryAsync<TableEntity>().CountAsync());
        logger.Verify(l => l.Log(LogLevel.Warning, It.IsAny<EventId>(), It.Is<It.IsAnyType>((v, _) => v.ToString()!.Contains("p/too-big")), It.IsAny<Exception>(), It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Once);
        // The owner hears of the loss (the topic index forgets its checkpoint, so the next rescoring run lists it whole).
        Assert.Single(lost);
    }

    [Fact]
    public async Task WritesQueuedBehindLayOutATableThatWentAway()
    {
        var (table, _) = await NewTableAsync();
        var writer = new GroupCommitWriter(table);
        await table.DeleteAsync();

        await writer.WriteBehind("p", [Upsert("p", "a", 1), Upsert("p", "b", 2)], CancellationToken.None);
        await writer.FlushAsync(CancellationToken.None);

        Assert.Equal(2, await table.QueryAsync<TableEntity>().CountAsync());
    }

    [Fact]
    public async Task ALoneWriteGoesOutAsAPlainRequest()
    {
        var (table, requests) = await NewTableAsync();
        var writer = new GroupCommitWriter(table);

        await writer.WriteAsync("p", [Upsert("p", "alone", 1)], CancellationToken.None);

        Assert.Equal(1, requests.Writes);
        Assert.Equal(0, requests.Batches);
        Assert.Equal(1, (await table.GetEntityAsync<TableEntity>("p", "alone")).Value.GetInt32("Value"));
    }

    private static TableTransactionAction Upsert(string partition, string row, int value) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, row) { ["Value"] = value });

    private Task<(TableClient Table, WriteCountingPolicy Requests)> NewTableAsync() => CountedTable.CreateAsync(_azurite.ConnectionString, "Group");
}
