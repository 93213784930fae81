using Azure;
using Azure.Data.Tables;
using Serverless.Domain.Storage.Tables;

namespace Serverless.UnitTests.Storage;

public sealed class TransactionPlanTests
{
    [Fact]
    public void EveryActionIsPlannedOnceInItsPartitionsOrder()
    {
        var actions = Enumerable.Range(0, 530).Select(i => Upsert($"p{i % 3}", $"r{i:D3}", 10)).ToList();

        var transactions = TransactionPlan.Create(actions).SelectMany(s => s).ToList();

        Assert.Equal(Enumerable.Range(0, 530), transactions.SelectMany(t => t).Order());
        Assert.All(transactions, t => Assert.True(t.Count <= TableTransactionSubmitter.MaxActions));
        Assert.All(transactions, t => Assert.Single(t.Select(i => actions[i].Entity.PartitionKey).Distinct()));
        Assert.All(transactions, t => Assert.Equal(t.Order(), t));
    }

    [Fact]
    public void ATransactionStaysUnderTheServicesPayloadLimit()
    {
        // 30 entities of about 450 KB each: 13 MB, which must go out as at least four transactions.
        var actions = Enumerable.Range(0, 30).Select(i => Upsert("p", $"r{i:D2}", 450_000)).ToList();

        var transactions = TransactionPlan.Create(actions).SelectMany(s => s).ToList();

        Assert.True(transactions.Count >= 4, $"{transactions.Count} transactions");
        Assert.All(transactions, t => Assert.True(t.Sum(i => TransactionPlan.EstimateBytes(actions[i])) <= TableTransactionSubmitter.MaxPayloadBytes));
    }

    [Fact]
    public void TheEstimateCountsEscapedAndMultiByteText()
    {
        var plain = TransactionPlan.EstimateBytes(Upsert("p", "r", 1000));
        var quoted = TransactionPlan.EstimateBytes(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "r") { ["Value"] = new string('"', 1000) }));
        var accented = TransactionPlan.EstimateBytes(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "r") { ["Value"] = new string('é', 1000) }));
        var control = TransactionPlan.EstimateBytes(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "r") { ["Value"] = new string('\u0001', 1000) }));

        Assert.True(quoted >= plain + 1000);
        Assert.True(accented >= plain + 1000);
        Assert.True(control >= plain + 5000);
    }

    [Fact]
    public void APartitionThatNamesARowTwiceRunsAsOneSequenceAndNoTransactionHoldsARowTwice()
    {
        var actions = new List<TableTransactionAction> { Upsert("p", "a", 1), Upsert("p", "b", 1), Upsert("p", "a", 1), Upsert("q", "x", 1) };

        var sequences = TransactionPlan.Create(actions);

        var p = Assert.Single(sequences, s => actions[s[0][0]].Entity.PartitionKey == "p");
        Assert.Equal([[0, 1], [2]], p.Select(t => t.ToArray()).ToArray());
        Assert.Single(sequences, s => actions[s[0][0]].Entity.PartitionKey == "q");
    }

    [Fact]
    public void TransactionsOfAPartitionWithDistinctRowsMayRunSideBySide()
    {
        var actions = Enumerable.Range(0, 250).Select(i => Upsert("p", $"r{i:D3}", 1)).ToList();

        var sequences = TransactionPlan.Create(actions);

        Assert.Equal(3, sequences.Count);
        Assert.All(sequences, s => Assert.Single(s));
    }

    [Fact]
    public void DeletesCarryNoProperties()
    {
        var delete = new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "r") { ["Value"] = new string('x', 10_000) }, ETag.All);

        Assert.True(TransactionPlan.EstimateBytes(delete) < 1000);
    }

    private static TableTransactionAction Upsert(string partition, string row, int size) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, row) { ["Value"] = new string('x', size) });
}
