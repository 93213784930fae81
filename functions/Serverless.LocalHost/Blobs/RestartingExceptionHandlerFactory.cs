using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Azure.WebJobs.Host.Timers;

namespace Serverless.LocalHost.Blobs;

/// <summary>
/// Reports a job host's unhandled errors to its <see cref="BlobListenerSupervisor"/> instead of rethrowing them on a
/// new thread, which is how the WebJobs SDK's default handler ends the process.
/// </summary>
public sealed class RestartingExceptionHandlerFactory : IWebJobsExceptionHandlerFactory
{
    private readonly TaskCompletionSource<Exception> _failure;

    public RestartingExceptionHandlerFactory(TaskCompletionSource<Exception> failure)
    {
        _failure = failure;
    }

    public IWebJobsExceptionHandler Create(IHost jobHost) => new Handler(_failure);

    private sealed class Handler(TaskCompletionSource<Exception> failure) : IWebJobsExceptionHandler
    {
        public Task OnTimeoutExceptionAsync(ExceptionDispatchInfo exceptionInfo, TimeSpan timeoutGracePeriod)
        {
            failure.TrySetResult(exceptionInfo.SourceException);
            return Task.CompletedTask;
        }

        public Task OnUnhandledExceptionAsync(ExceptionDispatchInfo exceptionInfo)
        {
            failure.TrySetResult(exceptionInfo.SourceException);
            return Task.CompletedTask;
        }
    }
}
