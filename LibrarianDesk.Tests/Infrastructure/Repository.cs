namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>The repository the tests were built from: for tests that read its source files.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootDirectory = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LibrarianDesk.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (LibrarianDesk.sln) is not above the test binaries");
    });

    /// <summary>The folder holding LibrarianDesk.sln.</summary>
    public static string Root => RootDirectory.Value;
}
