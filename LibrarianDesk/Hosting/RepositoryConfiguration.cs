using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace LibrarianDesk.Hosting;

public static class RepositoryConfiguration
{
    /// <summary>
    /// The one <c>appsettings.json</c> lives at the repository root and is copied next to the binaries,
    /// the usual content root (<see cref="AppContentRoot"/>). A content root chosen elsewhere, such as the
    /// project folder the tests' host uses, has none, so the copy beside the binaries is added as the
    /// lowest-priority source: environment-specific files, environment variables and the command line
    /// still override it.
    /// </summary>
    public static WebApplicationBuilder AddRepositoryConfiguration(this WebApplicationBuilder builder)
    {
        var besideBinaries = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var inContentRoot = Path.Combine(builder.Environment.ContentRootPath, "appsettings.json");
        if (File.Exists(besideBinaries) && !File.Exists(inContentRoot))
        {
            builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
            {
                FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
                Path = "appsettings.json",
                Optional = false,
                ReloadOnChange = builder.Configuration.GetValue("hostBuilder:reloadConfigOnChange", defaultValue: true),
            });
        }

        return builder;
    }
}
