using LibrarianDesk.Data;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

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

        await AddRowsTheDemoLacksAsync();
        if (PostgreSqlCluster.SkipReason is not null)
        {
            return;
        }

        TargetConnectionString = await (await PostgreSqlCluster.RequireAsync()).CreateDatabaseAsync();
        Copy = await RunCopyAsync("--to-provider", "PostgreSql", "--to", TargetConnectionString);
        PostgreSql = new PostgreSqlDeskApp(TargetConnectionString);
        await PostgreSql.InitializeAsync();
    }

    /// <summary>Rows of the kinds the demo has none of: read marks (a Guid and a text key), an IP block, a desk setting.</summary>
    private async Task AddRowsTheDemoLacksAsync()
    {
        await using var db = Sqlite.CreateDbContext();
        var supervisorId = await db.Users.Where(u => u.Email == SupervisorEmail).Select(u => u.Id).SingleAsync();
        foreach (var conversation in await db.Conversations.OrderByDescending(c => c.StartedAt).Take(5).Select(c => c.Id).ToListAsync())
        {
            await Sqlite.Service<UnreadMessages>().MarkReadAsync(supervisorId, conversation, 1);
        }

        db.IpBlocks.Add(new IpBlock { Range = "203.0.113.0/24", Reason = "spam", CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "Hendra Gunawan", CreatedById = supervisorId });
        db.DeskSettings.Add(new DeskSetting { Key = DeskSetting.AlwaysOpen, Value = "false" });
        await db.SaveChangesAsync();
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
