namespace Serverless.LocalHost.Catalog;

/// <summary>A function the Functions host would put in error at start-up, with the host's own message.</summary>
public sealed record FunctionError(string FunctionName, string Message)
{
    /// <summary>The line the Functions host logs for it.</summary>
    public override string ToString() => $"The '{FunctionName}' function is in error: {Message}";
}
