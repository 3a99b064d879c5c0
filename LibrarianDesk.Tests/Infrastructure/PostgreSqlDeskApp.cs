namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// The real desk (<see cref="DeskApp"/>) on PostgreSQL: a new database in the run's <see cref="PostgreSqlCluster"/> per
/// test class, or a given one for tests that start several desks on one database. Where PostgreSQL is not installed
/// (outside CI) it starts nothing, and <see cref="RequireAsync"/> skips the test.
/// </summary>
public class PostgreSqlDeskApp : DeskApp
{
    private string? connectionString;

    public PostgreSqlDeskApp()
    {
    }

    /// <summary>A desk on an existing database, e.g. a second server beside another desk.</summary>
    internal PostgreSqlDeskApp(string connectionString) => this.connectionString = connectionString;

    /// <summary>The database this desk runs on.</summary>
    public string ConnectionString => connectionString ?? throw new InvalidOperationException("The desk has not started.");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Desk:Database:Provider"] = "PostgreSql",
        ["ConnectionStrings:Desk"] = connectionString,
    };

    public override async ValueTask InitializeAsync()
    {
        if (await PostgreSqlCluster.TryGetAsync() is not { } cluster)
        {
            return;
        }

        connectionString ??= await cluster.CreateDatabaseAsync();
        await base.InitializeAsync();
    }

    /// <summary>Skips the calling test where PostgreSQL is not installed; every test on this fixture starts with it.</summary>
    public static async Task RequireAsync() => await PostgreSqlCluster.RequireAsync();
}
