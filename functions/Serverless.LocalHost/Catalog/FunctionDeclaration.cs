using WorkerHttpTrigger = Microsoft.Azure.Functions.Worker.HttpTriggerAttribute;

namespace Serverless.LocalHost.Catalog;

/// <summary>
/// What the Functions host checks of one function when it indexes the app: its name and, for an HTTP trigger, the
/// route (the function's name when none is given) and methods (none: every method). Built from a
/// <see cref="FunctionDescriptor"/> or from a <c>functions.metadata</c> entry, so both are held to the same rules.
/// </summary>
public sealed record FunctionDeclaration(string Name, bool IsHttp, string? Route = null, IReadOnlyList<string>? Methods = null)
{
    public static FunctionDeclaration From(FunctionDescriptor function) =>
        function.Trigger is WorkerHttpTrigger http
            ? new FunctionDeclaration(function.Name, IsHttp: true, http.Route, http.Methods)
            : new FunctionDeclaration(function.Name, IsHttp: false);
}
