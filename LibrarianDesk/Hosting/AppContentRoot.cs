namespace LibrarianDesk.Hosting;

/// <summary>
/// The content root (where <c>wwwroot</c>, <c>appsettings.json</c> and a relative data folder are found) is
/// the app's own folder, not the working directory: <c>dotnet /opt/desk/LibrarianDesk.dll</c> started from
/// anywhere serves its static files. <c>--contentRoot</c> or <c>ASPNETCORE_CONTENTROOT</c> /
/// <c>DOTNET_CONTENTROOT</c> still choose another (the tests' host passes it on the command line).
/// </summary>
public static class AppContentRoot
{
    private const string Key = "contentRoot";

    /// <summary>The content root to start with, or null to leave the one <paramref name="args"/> or the environment name.</summary>
    public static string? For(string[] args)
    {
        var chosen = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[Key];
        return string.IsNullOrEmpty(chosen) ? AppContext.BaseDirectory : null;
    }
}
