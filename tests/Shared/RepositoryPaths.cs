namespace Serverless.Tests.Shared;

/// <summary>Finds the repository root and the shared data beside it, from wherever the tests run.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shared samples and corpus (<c>../shared</c> from the root); absent on some machines.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Samples => Path.Combine(Shared, "samples");

    public static string Corpus => Path.Combine(Shared, "corpus", "ai");

    public static bool SharedExists => Directory.Exists(Samples) && Directory.Exists(Corpus);

    /// <summary>"Debug" or "Release", whichever this test assembly was built in.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find Serverless.sln above " + AppContext.BaseDirectory);
    }
}
