using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Visitors;

/// <summary>
/// The desk on an adjustable clock, always open with one librarian Online, checking visitors often and
/// letting many visitors share the test's one address.
/// </summary>
public class VisitorDeskApp : DeskApp
{
    public const string LibrarianEmail = "sari@test.local";
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    public AdjustableClock Clock { get; } = new(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));

    protected override TimeProvider Time => Clock;

    public string LibrarianId { get; private set; } = "";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Desk:ServiceHours:AlwaysOpen"] = "true",
        ["Desk:Visitors:CheckInterval"] = "00:00:00.200",
        ["Desk:Visitors:DepartureGrace"] = "00:00:15",
        ["Desk:Patrons:RateLimits:PerAddressBurst"] = "100000",
        ["Desk:Patrons:RateLimits:PerAddressPerSecond"] = "100000",
    };


    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        LibrarianId = (await StaffAccounts.CreateAsync(this, LibrarianEmail, [DeskRoles.Librarian], "Sari Wulandari")).Id;
        await Service<PresenceService>().SetAsync(LibrarianId, Presence.Online);
    }

    public void Advance(TimeSpan by) => Clock.Set(Clock.GetUtcNow() + by);

    /// <summary>A widget on <paramref name="pageUrl"/> as visitor <paramref name="visitorId"/>, confirming its page as the real widget does.</summary>
    public async Task<PatronClient> VisitAsync(
        string visitorId, string pageUrl, string title, string? referrer = null, string language = "id", string? userAgent = null)
    {
        var client = await PatronClient.ConnectAsync(this, new HelloRequest(visitorId, pageUrl, title, referrer, language), userAgent);
        await client.InvokeAsync(PatronHubContract.Methods.PageChanged, new PageView(pageUrl, title));
        return client;
    }
}
