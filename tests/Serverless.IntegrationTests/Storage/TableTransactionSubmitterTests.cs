using Azure;
using Azure.Data.Tables;
using Serverless.Domain.Storage.Tables;
using Serverless.IntegrationTests.Support;

namespace Serverless.IntegrationTests.Storage;

/// <summary>The submitter against a real table service (Azurite): the limits and refusals the service itself applies.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableTransactionSubmitterTests
{
    private readonly AzuriteFixture _azurite;

    public TableTransactionSubmitterTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task MoreThanAHundredActionsInOnePartitionAllLandInTransactions()
    {
        var (table, requests) = await NewTableAsync();
        var actions = Enumerable.Range(0, 450).Select(i => Upsert($"p{i % 2}", $"r{i:D3}", new string('x', 100))).ToList();

        var outcomes = await new TableTransactionSubmitter(table, maxConcurrency: 4).SubmitAsync(actions, CancellationToken.None);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Failure?.Message));
        Assert.All(outcomes, o => Assert.NotNull(o.ETag));
        Assert.Equal(450, await table.QueryAsync<TableEntity>().CountAsync());
        Assert.Equal(6, requests.Batches);
    }

    [Fact]
    public async Task EntitiesBeyondFourMebibytesAreSplitIntoTransactionsTheServiceAccepts()
    {
        var (table, requests) = await NewTableAsync();
        // Fourteen entities of about 360 KB of JSON each (twelve 30,000-character columns): 5 MB, over the 4 MiB limit.
        var actions = Enumerable.Range(0, 14).Select(i => Large("p", $"big{i:D2}")).ToList();

        var outcomes = await new TableTransactionSubmitter(table).SubmitAsync(actions, CancellationToken.None);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Failure?.Message));
        Assert.Equal(14, await table.QueryAsync<TableEntity>(select: ["RowKey"]).CountAsync());
        Assert.True(requests.Batches >= 2, $"{requests.Batches} transactions for 5 MB");
    }

    [Fact]
    public async Task AStaleIfMatchFailsOnlyItsOwnActionAndADeleteOfAMissingRowSucceeds()
    {
        var (table, _) = await NewTableAsync();
        var stored = await new TableTransactionSubmitter(table).SubmitAsync(
            Enumerable.Range(0, 5).Select(i => Upsert("p", $"r{i}", "first")).ToList(), CancellationToken.None);
        await table.UpsertEntityAsync(new TableEntity("p", "r2") { ["Value"] = "changed meanwhile" }, TableUpdateMode.Replace);

        var updates = Enumerable.Range(0, 5)
            .Select(i => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity("p", $"r{i}") { ["Value"] = "second" }, stored[i].ETag!.Value))
            .Append(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "never-written"), ETag.All))
            .ToList();
        var outcomes = await new TableTransactionSubmitter(table).SubmitAsync(updates, CancellationToken.None);

        Assert.Equal(412, outcomes[2].FailedStatus);
        Assert.True(outcomes[5].Succeeded);
        Assert.Equal(5, outcomes.Count(o => o.Succeeded));
        var values = await table.QueryAsync<TableEntity>().ToDictionaryAsync(e => e.RowKey, e => e.GetString("Value"));
        Assert.Equal("changed meanwhile", values["r2"]);
        Assert.Equal(4, values.Values.Count(v => v == "second"));
    }

    [Fact]
    public async Task ARowTheServiceRefusesFailsAloneWithItsReason()
    {
        var (table, _) = await NewTableAsync();
        var actions = new List<TableTransactionAction>
        {
            Upsert("p", "ok1", "a"),
            Upsert("p", "too-big", new string('x', 70_000)),
            Upsert("p", "ok2", "b"),
        };

        var outcomes = await new TableTransactionSubmitter(table).SubmitAsync(actions, CancellationToken.None);

        Assert.True(outcomes[0].Succeeded);
        Assert.False(outcomes[1].Succeeded);
        Assert.Equal(400, outcomes[1].FailedStatus);
        Assert.True(outcomes[2].Succeeded);
        Assert.Equal(2, await table.QueryAsync<TableEntity>().CountAsync());
    }

    [Fact]
    public async Task ATableThatWentAwayIsLaidOutAgain()
    {
        var (table, _) = await NewTableAsync();
        await table.DeleteAsync();

        var outcomes = await new TableTransactionSubmitter(table).SubmitAsync([Upsert("p", "a", "1"), Upsert("p", "b", "2"), Upsert("q", "c", "3")], CancellationToken.None);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Failure?.Message));
        Assert.Equal(3, await table.QueryAsync<TableEntity>().CountAsync());
    }

    private static TableTransactionAction Upsert(string partition, string row, string value) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, row) { ["Value"] = value });

    private static TableTransactionAction Large(string partition, string row)
    {
        var entity = new TableEntity(partition, row);
        for (var column = 0; column < 12; column++)
        {
            entity[$"Text{column}"] = new string((char)('a' + column), 30_000);
        }

        return new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity);
    }

    private Task<(TableClient Table, WriteCountingPolicy Requests)> NewTableAsync() => CountedTable.CreateAsync(_azurite.ConnectionString, "Submit");
}
