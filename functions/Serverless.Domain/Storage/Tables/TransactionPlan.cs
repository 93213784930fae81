using System.Text;
using Azure.Data.Tables;

namespace Serverless.Domain.Storage.Tables;

/// <summary>
/// Cuts actions into entity group transactions within the service's limits, as sequences that may run side by side:
/// one sequence per transaction of a partition whose rows are all distinct, and one sequence for all of a partition
/// that names a row twice (so its writes land in the order given). Pure, so its limits are unit-tested.
/// </summary>
public static class TransactionPlan
{
    /// <summary>Framing a transaction adds to each action (multipart headers, the request line, the entity's keys).</summary>
    private const int ActionOverheadBytes = 512;

    /// <summary>The sequences of transactions, each a list of indexes into <paramref name="actions"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<IReadOnlyList<int>>> Create(IReadOnlyList<TableTransactionAction> actions)
    {
        var partitions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<List<int>>();
        for (var i = 0; i < actions.Count; i++)
        {
            var key = actions[i].Entity.PartitionKey;
            if (!partitions.TryGetValue(key, out var indexes))
            {
                partitions[key] = indexes = [];
                order.Add(indexes);
            }

            indexes.Add(i);
        }

        var sequences = new List<IReadOnlyList<IReadOnlyList<int>>>();
        foreach (var indexes in order)
        {
            var (transactions, rowRepeats) = Cut(actions, indexes);
            if (rowRepeats)
            {
                sequences.Add(transactions);
            }
            else
            {
                sequences.AddRange(transactions.Select(t => (IReadOnlyList<IReadOnlyList<int>>)[t]));
            }
        }

        return sequences;
    }

    /// <summary>An estimate, from above, of what an action adds to a transaction's payload.</summary>
    public static int EstimateBytes(TableTransactionAction action)
    {
        var bytes = ActionOverheadBytes + Encoding.UTF8.GetByteCount(action.Entity.PartitionKey) + Encoding.UTF8.GetByteCount(action.Entity.RowKey);
        if (action.ActionType == TableTransactionActionType.Delete || action.Entity is not IDictionary<string, object> properties)
        {
            return bytes;
        }

        foreach (var (name, value) in properties)
        {
            // Each property is its name and value, plus an "@odata.type" annotation for types JSON cannot tell.
            bytes += (2 * Encoding.UTF8.GetByteCount(name)) + 48 + value switch
            {
                null => 4,
                string text => JsonBytes(text),
                byte[] binary => ((binary.Length + 2) / 3 * 4) + 2,
                BinaryData data => ((data.ToMemory().Length + 2) / 3 * 4) + 2,
                _ => 40,
            };
        }

        return bytes;
    }

    private static (List<IReadOnlyList<int>> Transactions, bool RowRepeats) Cut(IReadOnlyList<TableTransactionAction> actions, List<int> indexes)
    {
        var transactions = new List<IReadOnlyList<int>>();
        var current = new List<int>();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        var allRows = new HashSet<string>(StringComparer.Ordinal);
        var rowRepeats = false;
        var bytes = 0;
        foreach (var index in indexes)
        {
            var rowKey = actions[index].Entity.RowKey;
            var size = EstimateBytes(actions[index]);
            rowRepeats |= !allRows.Add(rowKey);
            if (current.Count > 0 && (current.Count == TableTransactionSubmitter.MaxActions || bytes + size > TableTransactionSubmitter.MaxPayloadBytes || rows.Contains(rowKey)))
            {
                transactions.Add(current);
                current = [];
                rows.Clear();
                bytes = 0;
            }

            current.Add(index);
            rows.Add(rowKey);
            bytes += size;
        }

        if (current.Count > 0)
        {
            transactions.Add(current);
        }

        return (transactions, rowRepeats);
    }

    private static int JsonBytes(string text)
    {
        var bytes = 2 + Encoding.UTF8.GetByteCount(text);
        foreach (var c in text)
        {
            if (c is '"' or '\\' or < ' ')
            {
                // Escaped: \" or \\ (one more byte) or \u00XX (five more).
                bytes += c < ' ' ? 5 : 1;
            }
        }

        return bytes;
    }
}
