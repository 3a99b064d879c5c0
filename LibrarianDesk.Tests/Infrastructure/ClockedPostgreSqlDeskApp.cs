using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Features.OfflineMessages;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// The desk on PostgreSQL for work that must run once across servers: always open with one librarian Online, on a
/// clock the test sets (standing still otherwise, so a lease lapses only when the test moves it), the ring repeated
/// and the missed sweep run every second (nothing becomes missed within a day), and mail sent to an in-process SMTP
/// server when the test asks. <see cref="SecondServerAsync"/> starts another desk on the same database, clock and
/// SMTP server, as a second server behind a load balancer.
/// </summary>
public sealed class ClockedPostgreSqlDeskApp : PostgreSqlDeskApp
{
    private readonly bool first;

    public ClockedPostgreSqlDeskApp()
    {
        first = true;
        Clock = new AdjustableClock(DateTimeOffset.UtcNow);
        Smtp = new InProcessSmtpServer();
    }

    private ClockedPostgreSqlDeskApp(ClockedPostgreSqlDeskApp firstServer)
        : base(firstServer.PostgreSqlConnectionString)
    {
        Clock = firstServer.Clock;
        Smtp = firstServer.Smtp;
        LibrarianId = firstServer.LibrarianId;
    }

    public AdjustableClock Clock { get; }

    public InProcessSmtpServer Smtp { get; }

    public string LibrarianId { get; private set; } = "";

    protected override TimeProvider Time => Clock;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(Smtp.DeskSettings)
    {
        ["Desk:ServiceHours:AlwaysOpen"] = "true",
        ["Desk:Queue:RingRepeatSeconds"] = "1",
        ["Desk:Queue:MissedSweepSeconds"] = "1",
        ["Desk:Queue:MissedAfterSeconds"] = "86400",
    };

    public override async ValueTask InitializeAsync()
    {
        if (first && PostgreSqlCluster.SkipReason is null)
        {
            await Smtp.StartAsync();
        }

        await base.InitializeAsync();
        if (first && PostgreSqlCluster.SkipReason is null)
        {
            LibrarianId = (await StaffAccounts.CreateAsync(this, OpenDeskApp.LibrarianEmail, [DeskRoles.Librarian], "Sari Wulandari")).Id;
            await Service<PresenceService>().SetAsync(LibrarianId, Presence.Online);
        }
    }

    /// <summary>Another desk on this desk's database, clock and SMTP server; the caller disposes it.</summary>
    public async Task<ClockedPostgreSqlDeskApp> SecondServerAsync()
    {
        var second = new ClockedPostgreSqlDeskApp(this);
        await second.InitializeAsync();
        return second;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (first)
        {
            await Smtp.DisposeAsync();
        }
    }
}
