using Azure;
using Azure.Data.Tables;
using Serverless.Domain.Storage.Tables;

namespace Serverless.UnitTests.Storage;

public sealed class TableTransactionSubmitterTests
{
    [Fact]
    public async Task ActionsAreGroupedByPartitionAndCutAtTheServiceLimit()
    {
        var table = new FakeTableTransport();
        var actions = Enumerable.Range(0, 250).Select(i => Upsert($"p{i % 2}", $"r{i:D3}")).ToList();

        var outcomes = await new TableTransactionSubmitter(table, maxConcurrency: 4).SubmitAsync(actions, CancellationToken.None);

        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        Assert.Equal(actions.Select(a => "v-" + a.Entity.RowKey), outcomes.Select(o => o.ETag.ToString()));
        Assert.Equal([100, 100, 25, 25], table.Transactions.Select(t => t.Count).Order().Reverse().ToArray());
        Assert.Empty(table.PlainRequests);
    }

    [Fact]
    public async Task ALoneActionGoesOutAsAPlainRequest()
    {
        var table = new FakeTableTransport();

        var outcomes = await new TableTransactionSubmitter(table).SubmitAsync([Upsert("p", "a"), Upsert("q", "b")], CancellationToken.None);

        Assert.Empty(table.Transactions);
        Assert.Equal(["a", "b"], table.PlainRequests.Select(a => a.Entity.RowKey).Order().ToArray());
        Assert.All(outcomes, o => Assert.True(o.Succeeded));
    }

    [Fact]
    public async Task AFailedTransactionIsSplitAtTheActionThatFailedItAndTheRestLand()
    {
        var table = new FakeTableTransport { Refused = { ["r05"] = 412, ["r30"] = 400 } };
        var actions = Enumerable.Range(0, 40).Select(i => Upsert("p", $"r{i:D2}")).ToList();

        var outcomes = await new TableTransactionSubmitter(table).SubmitAsync(actions, CancellationToken.None);

        Assert.Equal(412, outcomes[5].FailedStatus);
        Assert.Equal(400, outcomes[30].FailedStatus);
        Assert.Equal(38, outcomes.Count(o => o.Succeeded));
        Assert.Equal(38, table.Applied.Count);
        Assert.DoesNotContain("r05", table.Applied);
        Assert.Equal(3, table.Transactions.Count);
    }

    [Fact]
    public async Task ADeleteOfARowThatIsGoneCountsAsDone()
    {
        var table = new FakeTableTransport { Refused = { ["gone"] = 404, ["alone"] = 404 } };
        var actions = new List<TableTransactionAction> { Delete("p", "gone"), Upsert("p", "kept"), Delete("q", "alone") };

        var outcomes = await new TableTransactionSubmitter(table).SubmitAsync(actions, CancellationToken.None);

        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        Assert.Contains("kept", table.Applied);
    }

    [Fact]
    public async Task AnUpdateOfARowThatIsGoneFails()
    {
        var table = new FakeTableTransport { Refused = { ["gone"] = 404 } };

        var outcomes = await new TableTransactionSubmitter(table).SubmitAsync(
            [new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity("p", "gone"), new ETag("x"))], CancellationToken.None);

        Assert.Equal(404, outcomes[0].FailedStatus);
    }

    [Fact]
    public async Task AMissingTableIsLaidOutOnceAndTheWritesLand()
    {
        var table = new FakeTableTransport { MissingTableRequests = 1 };
        var actions = Enumerable.Range(0, 10).Select(i => Upsert("p", $"r{i}")).ToList();

        var outcomes = await new TableTransactionSubmitter(table).SubmitAsync(actions, CancellationToken.None);

        Assert.Equal(1, table.TablesCreated);
        Assert.All(outcomes, o => Assert.True(o.Succeeded));
    }

    [Fact]
    public async Task ATableThatStaysMissingFailsTheWritesAfterOneLayout()
    {
        var table = new FakeTableTransport { MissingTableRequests = int.MaxValue };
        var submitter = new TableTransactionSubmitter(new StaysMissing(table));

        var outcomes = await submitter.SubmitAsync([Upsert("p", "a"), Upsert("p", "b")], CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal(404, o.FailedStatus));
        Assert.Equal(1, table.TablesCreated);
    }

    [Fact]
    public async Task WritesToOneRowLandInTheOrderGiven()
    {
        var table = new FakeTableTransport();
        var actions = new List<TableTransactionAction> { Upsert("p", "same"), Upsert("p", "other"), Upsert("p", "same"), Upsert("p", "third") };

        await new TableTransactionSubmitter(table, maxConcurrency: 8).SubmitAsync(actions, CancellationToken.None);

        Assert.Equal(["same", "other", "same", "third"], table.Applied);
        Assert.All(table.Transactions, t => Assert.Equal(t.Count, t.Select(a => a.Entity.RowKey).Distinct().Count()));
    }

    [Fact]
    public async Task AnErrorOtherThanARefusalSettlesTheRestOfItsTransaction()
    {
        var failing = new FailingTransport(new TimeoutException("storage did not answer"));

        var outcomes = await new TableTransactionSubmitter(failing).SubmitAsync([Upsert("p", "a"), Upsert("p", "b")], CancellationToken.None);

        Assert.All(outcomes, o => Assert.IsType<TimeoutException>(o.Failure));
        Assert.Throws<TimeoutException>(() => TableActionOutcome.ThrowIfAnyFailed(outcomes));
    }

    [Fact]
    public async Task CancellationIsThrownNotReportedAsAnOutcome()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new TableTransactionSubmitter(new FakeTableTransport()).SubmitAsync([Upsert("p", "a"), Upsert("p", "b")], cancelled.Token));
    }

    private static TableTransactionAction Upsert(string partition, string row) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, row) { ["Value"] = row });

    private static TableTransactionAction Delete(string partition, string row) =>
        new(TableTransactionActionType.Delete, new TableEntity(partition, row), ETag.All);

    /// <summary>A table that is still missing after it was laid out (created elsewhere and deleted again at once).</summary>
    private sealed class StaysMissing(FakeTableTransport inner) : ITableTransport
    {
        public Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken) =>
            throw new RequestFailedException(404, "gone", "TableNotFound", null);

        public Task<ETag?> SendAsync(TableTransactionAction action, CancellationToken cancellationToken) =>
            throw new RequestFailedException(404, "gone", "TableNotFound", null);

        public Task CreateTableAsync(CancellationToken cancellationToken) => inner.CreateTableAsync(cancellationToken);
    }

    private sealed class FailingTransport(Exception failure) : ITableTransport
    {
        public Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken) => throw failure;

        public Task<ETag?> SendAsync(TableTransactionAction action, CancellationToken cancellationToken) => throw failure;

        public Task CreateTableAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
