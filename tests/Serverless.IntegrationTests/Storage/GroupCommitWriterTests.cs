using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Serverless.Domain.Storage;
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

    private static TableTransactionAction Upsert(string partition, string row, int value) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, row) { ["Value"] = value });

    private async Task<(TableClient Table, WriteCountingPolicy Requests)> NewTableAsync()
    {
        var counter = new WriteCountingPolicy();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var table = new TableServiceClient(_azurite.ConnectionString, options).GetTableClient($"Group{Guid.NewGuid():N}"[..20]);
        await table.CreateAsync();
        counter.Reset();
        return (table, counter);
    }
}
