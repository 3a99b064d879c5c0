using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Staff;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// <see cref="OpenDeskApp"/> on PostgreSQL: always open, with one librarian Online. <see cref="SecondServerAsync"/>
/// starts another desk on the same database, as a second server behind a load balancer.
/// </summary>
public class OpenPostgreSqlDeskApp : PostgreSqlDeskApp
{
    public OpenPostgreSqlDeskApp()
    {
    }

    private OpenPostgreSqlDeskApp(string connectionString)
        : base(connectionString)
    {
    }

    public string LibrarianId { get; private set; } = "";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Desk:ServiceHours:AlwaysOpen"] = "true",
    };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        if (LibrarianId.Length == 0 && PostgreSqlCluster.SkipReason is null)
        {
            LibrarianId = (await StaffAccounts.CreateAsync(this, OpenDeskApp.LibrarianEmail, [DeskRoles.Librarian], "Sari Wulandari")).Id;
            await Service<PresenceService>().SetAsync(LibrarianId, Presence.Online);
        }
    }

    /// <summary>Another desk on this desk's database, sharing its librarian; the caller disposes it.</summary>
    public async Task<OpenPostgreSqlDeskApp> SecondServerAsync()
    {
        var second = new OpenPostgreSqlDeskApp(PostgreSqlConnectionString) { LibrarianId = LibrarianId };
        await second.InitializeAsync();
        return second;
    }
}
