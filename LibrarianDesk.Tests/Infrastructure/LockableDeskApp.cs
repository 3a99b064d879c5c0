using LibrarianDesk.Realtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>An open desk whose writers give up on a locked database after 200 ms, its log entries captured.</summary>
public sealed class LockableDeskApp : OpenDeskApp
{
    public CapturedLogs Logs { get; private set; } = default!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Desk:BusyTimeoutMilliseconds"] = "200",
        [$"Logging:LogLevel:{typeof(PatronHubFilter).FullName}"] = "Information",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(sp =>
            Logs = new CapturedLogs(sp.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Simple))));
    }

    /// <summary>
    /// Another program's write transaction on the desk's database, held until disposed (then rolled back):
    /// the desk still reads (WAL), but its writes wait past the busy timeout and fail with SQLITE_BUSY.
    /// </summary>
    public async Task<SqliteConnection> LockDatabaseAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(DataDirectory, "librariandesk.db"),
            Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN EXCLUSIVE";
        await command.ExecuteNonQueryAsync();
        return connection;
    }
}
