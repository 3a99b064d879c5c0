using LibrarianDesk.Features.Desk;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Staff;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// One desk on two servers, as behind a load balancer: two real desks on Kestrel, each with its own services, on one
/// PostgreSQL database and one Redis (a prefix of their own in the run's <see cref="RedisServer"/>), always open, with
/// one librarian Online. Where PostgreSQL or Redis is missing (outside CI) nothing starts and every test skips
/// (<see cref="RequireAsync"/>).
/// </summary>
public class TwoServerDesk : IAsyncLifetime
{
    public ServerDesk A { get; private set; } = default!;

    public ServerDesk B { get; private set; } = default!;

    public string LibrarianId { get; private set; } = "";

    private string redisConfiguration = "";
    private string prefix = "";

    /// <summary>Skips the calling test where PostgreSQL or Redis is not installed; every test on this fixture starts with it.</summary>
    public static async Task RequireAsync()
    {
        await PostgreSqlDeskApp.RequireAsync();
        await RedisServer.RequireAsync();
    }

    public async ValueTask InitializeAsync()
    {
        if (PostgreSqlCluster.SkipReason is not null || RedisServer.SkipReason is not null)
        {
            return;
        }

        var redis = await RedisServer.RequireAsync();
        (redisConfiguration, prefix) = (redis.Configuration, RedisServer.NewPrefix());
        A = new ServerDesk(redis.Configuration, prefix, MoreSettings);
        await A.InitializeAsync();
        B = new ServerDesk(redis.Configuration, prefix, MoreSettings, A.PostgreSqlConnectionString);
        await B.InitializeAsync();
        LibrarianId = (await StaffAccounts.CreateAsync(A, OpenDeskApp.LibrarianEmail, [DeskRoles.Librarian], "Sari Wulandari")).Id;
        await A.Service<PresenceService>().SetAsync(LibrarianId, Presence.Online);
    }

    public async ValueTask DisposeAsync()
    {
        if (B is not null)
        {
            await B.DisposeAsync();
        }

        if (A is not null)
        {
            await A.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// One more server of the same desk with <paramref name="settings"/> (else the fixture's), for a test to start and stop
    /// on its own: the caller initialises and disposes it.
    /// </summary>
    public ServerDesk AnotherServer(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(redisConfiguration, prefix, settings ?? MoreSettings, A.PostgreSqlConnectionString);

    /// <summary>Settings both servers get besides (or instead of) the fixture's own.</summary>
    protected virtual IReadOnlyDictionary<string, string?> MoreSettings { get; } = new Dictionary<string, string?>();

    /// <summary>One server of the two: the real desk on the shared database, with the shared Redis.</summary>
    public sealed class ServerDesk : PostgreSqlDeskApp
    {
        private readonly string redis;
        private readonly string prefix;
        private readonly IReadOnlyDictionary<string, string?> more;

        internal ServerDesk(string redis, string prefix, IReadOnlyDictionary<string, string?> more)
        {
            this.redis = redis;
            this.prefix = prefix;
            this.more = more;
        }

        internal ServerDesk(string redis, string prefix, IReadOnlyDictionary<string, string?> more, string connectionString)
            : base(connectionString)
        {
            this.redis = redis;
            this.prefix = prefix;
            this.more = more;
        }

        public DeskNotifier Notifier => Service<DeskNotifier>();

        protected override IReadOnlyDictionary<string, string?> Settings
        {
            get
            {
                var settings = new Dictionary<string, string?>(base.Settings)
                {
                    ["Desk:ServiceHours:AlwaysOpen"] = "true",
                    ["Desk:Redis:Configuration"] = redis,
                    ["Desk:Redis:Prefix"] = prefix,
                };
                foreach (var (key, value) in more)
                {
                    settings[key] = value;
                }

                return settings;
            }
        }
    }
}
