using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LibrarianDesk.Bench.Hosting;

/// <summary>
/// What the bench's <see cref="DeskHost"/> and the tests' <c>DeskApp</c> share: the real app on Kestrel
/// at 127.0.0.1 (a free port) and a throw-away data folder.
/// </summary>
public static class LoopbackDesk
{
    /// <summary>Starts <paramref name="factory"/> on Kestrel at 127.0.0.1 and returns its address.</summary>
    public static Uri Start<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);

        // Many desks run side by side in one process (a test class each). A file watcher per
        // configuration file each would exhaust Linux's 128 inotify instances per user, and no
        // throw-away desk changes its configuration while it runs.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public static string NewDataDirectory(string purpose) => Path.Combine(Path.GetTempPath(), purpose, Guid.NewGuid().ToString("N"));

    /// <summary>Closes pooled SQLite connections and deletes the data folder.</summary>
    public static void DeleteDataDirectory(string dataDirectory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finalizer is left for the OS temp cleaner rather than failing the run.
        }
    }
}
