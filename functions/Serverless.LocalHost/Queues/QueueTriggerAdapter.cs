namespace Serverless.LocalHost.Queues;

/// <summary>
/// Base of the WebJobs job classes generated for each queue-triggered function (see <see cref="QueueAdapterFactory"/>):
/// the WebJobs SDK's queue listener calls the generated method with the decoded message, which forwards here.
/// </summary>
public abstract class QueueTriggerAdapter
{
    private readonly QueueFunctionDispatcher _dispatcher;

    protected QueueTriggerAdapter(QueueFunctionDispatcher dispatcher)
    {
        _dispatcher = dispatcher;
    }

    protected Task InvokeAsync(string functionName, string message, CancellationToken cancellationToken) =>
        _dispatcher.InvokeAsync(functionName, message, cancellationToken);
}
