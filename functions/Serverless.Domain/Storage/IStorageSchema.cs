namespace Serverless.Domain.Storage;

/// <summary>A component that owns tables or containers and creates them at start-up.</summary>
public interface IStorageSchema
{
    Task EnsureCreatedAsync(CancellationToken cancellationToken);
}
