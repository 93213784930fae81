using System.Reflection;
using Serverless.LocalHost.Catalog;

namespace Serverless.LocalHost.Queues;

/// <summary>Binds a queue message to a function's trigger parameter (string or BinaryData) and runs it.</summary>
public sealed class QueueFunctionDispatcher
{
    private readonly FunctionCatalog _catalog;
    private readonly FunctionInvoker _invoker;

    public QueueFunctionDispatcher(FunctionCatalog catalog, FunctionInvoker invoker)
    {
        _catalog = catalog;
        _invoker = invoker;
    }

    public async Task InvokeAsync(string functionName, string message, CancellationToken cancellationToken)
    {
        var function = _catalog.OfKind(TriggerKind.Queue).Single(f => f.Name == functionName);
        await _invoker.InvokeAsync(function, $"New queue message detected on '{((Microsoft.Azure.Functions.Worker.QueueTriggerAttribute)function.Trigger).QueueName}'.", (parameter, _) => Bind(function, parameter, message), cancellationToken);
    }

    private static ValueTask<object?> Bind(FunctionDescriptor function, ParameterInfo parameter, string message)
    {
        if (parameter.Position == function.TriggerParameter.Position)
        {
            if (parameter.ParameterType == typeof(string))
            {
                return ValueTask.FromResult<object?>(message);
            }

            if (parameter.ParameterType == typeof(BinaryData))
            {
                return ValueTask.FromResult<object?>(BinaryData.FromString(message));
            }
        }

        throw new NotSupportedException($"The local host cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}) of queue function '{function.Name}'.");
    }
}
