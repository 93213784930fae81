using System.Runtime.CompilerServices;
using Serverless.Domain.Telemetry;

namespace Serverless.IntegrationTests.Support;

/// <summary>
/// The Azure SDK reads its activity-source switch once per process, when its first client is built. The hosts turn it
/// on in their telemetry setup, before any client exists; in this test process clients are built long before the
/// telemetry tests run, so it is turned on here, at load. Without a listener the SDK still creates no activity.
/// </summary>
internal static class AzureSdkActivities
{
    [ModuleInitializer]
    internal static void Enable() => AppContext.SetSwitch(PipelineTelemetry.AzureSdkActivitySwitch, true);
}
