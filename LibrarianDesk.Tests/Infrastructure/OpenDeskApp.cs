using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Staff;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>A desk that takes chats: always open, with one librarian Online.</summary>
public class OpenDeskApp : DeskApp
{
    public const string LibrarianEmail = "sari@test.local";

    public string LibrarianId { get; private set; } = "";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Desk:ServiceHours:AlwaysOpen"] = "true",
    };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        LibrarianId = (await StaffAccounts.CreateAsync(this, LibrarianEmail, [DeskRoles.Librarian], "Sari Wulandari")).Id;
        await Service<PresenceService>().SetAsync(LibrarianId, Presence.Online);
    }
}
