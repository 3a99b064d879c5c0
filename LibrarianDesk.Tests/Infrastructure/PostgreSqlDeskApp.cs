namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// The real desk (<see cref="DeskApp"/>) on PostgreSQL in either run: a new database in the run's
/// <see cref="PostgreSqlCluster"/> per test class, or a given one for tests that start several desks on one database.
/// Where PostgreSQL is not installed (outside CI) its tests skip.
/// </summary>
public class PostgreSqlDeskApp : DeskApp
{
    public PostgreSqlDeskApp()
    {
    }

    /// <summary>A desk on an existing database, e.g. a second server beside another desk.</summary>
    internal PostgreSqlDeskApp(string connectionString)
        : base(connectionString)
    {
    }

    public override bool OnPostgreSql => true;

    /// <summary>Skips the calling test where PostgreSQL is not installed; every test on this fixture starts with it.</summary>
    public static async Task RequireAsync() => await PostgreSqlCluster.RequireAsync();
}
