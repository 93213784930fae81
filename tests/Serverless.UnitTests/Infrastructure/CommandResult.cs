namespace Serverless.UnitTests.Infrastructure;

/// <summary>How a program ended and what it printed.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Errors}";
}
