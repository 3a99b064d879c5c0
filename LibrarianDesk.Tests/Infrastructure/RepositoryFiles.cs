namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>The repository's sources, for tests that read them (the folder holding LibrarianDesk.sln, above the test binaries).</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootFolder = new(Find);

    public static string Root => RootFolder.Value;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LibrarianDesk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No LibrarianDesk.sln above {AppContext.BaseDirectory}.");
    }
}
