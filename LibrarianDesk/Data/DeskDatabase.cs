using Microsoft.Data.Sqlite;
using Npgsql;

namespace LibrarianDesk.Data;

/// <summary>The engines the desk runs on (<c>Desk:Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>One file in the data folder: the default, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server named by <c>ConnectionStrings:Desk</c>, for several servers or a larger library.</summary>
    PostgreSql,
}

/// <summary>The engine the desk runs on and how it reaches it, read once from configuration.</summary>
public sealed record DeskDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Desk:Database:Provider";
    public const string ConnectionStringKey = "ConnectionStrings:Desk";

    /// <summary>
    /// The configured engine. SQLite's file is under <paramref name="dataDirectory"/> unless
    /// <c>ConnectionStrings:Desk</c> names another; PostgreSQL needs the connection string.
    /// </summary>
    /// <exception cref="DatabaseSettingException">The provider is unknown or PostgreSQL has no connection string.</exception>
    public static DeskDatabase From(IConfiguration configuration, DatabaseOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var provider = ParseProvider(configuration[ProviderKey]);
        var configured = configuration.GetConnectionString("Desk");
        return provider switch
        {
            DatabaseProvider.PostgreSql when string.IsNullOrWhiteSpace(configured) =>
                throw new DatabaseSettingException($"{ProviderKey} is PostgreSql but {ConnectionStringKey} is not set; give it a connection string such as \"Host=localhost;Database=librariandesk;Username=librariandesk;Password=…\"."),
            DatabaseProvider.PostgreSql => new DeskDatabase(provider, configured!),
            _ => new DeskDatabase(provider, configured ?? new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(dataDirectory, options.DatabaseFile),
                Pooling = true,
                DefaultTimeout = Math.Max(1, options.BusyTimeoutMilliseconds / 1000),
            }.ToString()),
        };
    }

    private static DatabaseProvider ParseProvider(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return DatabaseProvider.Sqlite;
        }

        // By name only, any case: Enum.TryParse would take "1" as well.
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            if (provider.ToString().Equals(name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }

        throw new DatabaseSettingException($"{ProviderKey} is \"{name}\"; use Sqlite (the default) or PostgreSql.");
    }

    /// <summary>
    /// Why the desk cannot start on this database, in one line for the console, or null when it can: a
    /// wrong setting, or a PostgreSQL server that does not answer or refuses the connection. SQLite's
    /// file is created on first use and needs no check.
    /// </summary>
    public static async Task<string?> ProblemAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        DeskDatabase database;
        try
        {
            database = services.GetRequiredService<DeskDatabase>();
        }
        catch (DatabaseSettingException ex)
        {
            return ex.Message;
        }

        if (database.Provider != DatabaseProvider.PostgreSql)
        {
            return null;
        }

        try
        {
            var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            try
            {
                await using var connection = new NpgsqlConnection(target.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                return null;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                return Unreachable(ConnectionStringKey, target, ex);
            }
        }
        catch (ArgumentException ex)
        {
            return $"{ConnectionStringKey} is not a PostgreSQL connection string: {ex.Message}";
        }
    }

    /// <summary>
    /// The one line for a PostgreSQL server that does not answer or refuses the connection given by
    /// <paramref name="setting"/>: host and database only, as the connection string may hold a password.
    /// </summary>
    internal static string Unreachable(string setting, NpgsqlConnectionStringBuilder target, Exception error) =>
        $"Cannot reach PostgreSQL ({setting}: host {target.Host}, port {target.Port}, database {target.Database}): {error.Message.ReplaceLineEndings(" ")}";
}

/// <summary>A database setting the desk cannot start with; its message is the one line the console shows.</summary>
public sealed class DatabaseSettingException(string message) : Exception(message);
