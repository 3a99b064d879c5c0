using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Data;

/// <summary>
/// A SQLite desk with the demo (a team, a month of conversations, offline messages, members) and a librarian who signs
/// in with an authenticator app, copied by <c>LibrarianDesk copy-database</c> run as a process into a new PostgreSQL
/// database, and a PostgreSQL desk started on the copy. Where PostgreSQL is not installed only the SQLite desk starts.
/// </summary>
public sealed class CopiedDesk : IAsyncLifetime
{
    public const string SupervisorEmail = "hendra@demo.librariandesk.local";
    public const string DemoPassword = "Pustakawan2026";
    public const string TwoFactorEmail = "rahayu@test.librariandesk.local";

    public SqliteDemoDesk Sqlite { get; } = new();

    public PostgreSqlDeskApp PostgreSql { get; private set; } = default!;

    public string TwoFactorKey { get; private set; } = "";

    /// <summary>The copy's exit code and console text.</summary>
    public (int ExitCode, string Output, string Errors) Copy { get; private set; }

    public string TargetConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        await Sqlite.InitializeAsync();
        await StaffAccounts.CreateAsync(Sqlite, TwoFactorEmail, [DeskRoles.Librarian], "Rahayu Kusuma");
        using (var client = Sqlite.CreateBrowserClient())
        {
            await SignIn.AsAsync(client, TwoFactorEmail, DeskApp.StaffPassword);
            (TwoFactorKey, _) = await TwoFactorForms.EnrolAsync(client);
        }

        if (await PostgreSqlCluster.TryGetAsync() is not { } cluster)
        {
            return;
        }

        TargetConnectionString = await cluster.CreateDatabaseAsync();
        Copy = await RunCopyAsync("--to-provider", "PostgreSql", "--to", TargetConnectionString);
        PostgreSql = new PostgreSqlDeskApp(TargetConnectionString);
        await PostgreSql.InitializeAsync();
    }

    /// <summary>Runs <c>copy-database</c> with <paramref name="arguments"/> on the SQLite desk's settings.</summary>
    public Task<(int ExitCode, string Output, string Errors)> RunCopyAsync(params string[] arguments) =>
        DeskProcess.RunAsync(new Dictionary<string, string?> { ["Desk__DataDirectory"] = Sqlite.DataDirectory }, ["copy-database", .. arguments]);

    public async ValueTask DisposeAsync()
    {
        if (PostgreSql is not null)
        {
            await PostgreSql.DisposeAsync();
        }

        await Sqlite.DisposeAsync();
    }

    /// <summary>The desk on SQLite with 30 days of demo.</summary>
    public sealed class SqliteDemoDesk : DeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:DemoData:Enabled"] = "true",
            ["Desk:DemoData:Days"] = "30",
        };
    }
}
