using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Analytics;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.History;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Desk;

/// <summary>
/// Only a librarian staffs the desk: an IT admin or supervisor without the Librarian role is never
/// Online, never opens the desk to patrons, is never handed a conversation and has no row in the
/// analytics librarian table. The real desk, always open, with nobody Online unless a test says so.
/// </summary>
public sealed class LibrarianOnlyPresenceTests(LibrarianOnlyPresenceTests.AlwaysOpenDesk app)
    : IClassFixture<LibrarianOnlyPresenceTests.AlwaysOpenDesk>, IAsyncLifetime
{
    public sealed class AlwaysOpenDesk : DeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:ServiceHours:AlwaysOpen"] = "true",
        };
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private PresenceService Presences => app.Service<PresenceService>();

    private readonly List<string> librariansOnline = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Each test starts with nobody Online.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var id in librariansOnline)
        {
            await Presences.SetAsync(id, Presence.Offline, Cancel);
        }
    }

    private static string NewEmail() => $"{Guid.NewGuid():N}@test.local";

    private async Task<Librarian> OnlineLibrarianAsync(string name, params string[] moreRoles)
    {
        var account = await StaffAccounts.CreateAsync(app, NewEmail(), [DeskRoles.Librarian, .. moreRoles], name);
        await Presences.SetAsync(account.Id, Presence.Online, Cancel);
        librariansOnline.Add(account.Id);
        return account;
    }

    [Theory]
    [InlineData(Presence.Online)]
    [InlineData(Presence.Away)]
    public async Task An_IT_admin_cannot_set_himself_present_and_the_widget_still_says_no_librarian(Presence presence)
    {
        var admin = await StaffAccounts.CreateAsync(app, NewEmail(), [DeskRoles.ItAdmin, DeskRoles.Supervisor], "Agus Admin");

        var going = () => Presences.SetAsync(admin.Id, presence, Cancel);

        (await going.Should().ThrowAsync<NotALibrarianException>()).Which.Message.Should().StartWith("not_a_librarian: ");
        (await Presences.GetAsync(admin.Id, Cancel)).Should().Be(Presence.Offline);
        await using var patron = await PatronClient.ConnectAsync(app);
        patron.Hello.Status.Should().BeEquivalentTo(new { IsOpen = false, State = DeskStatusInfo.NoLibrarian, LibrariansOnline = 0 });
        await using var db = app.CreateDbContext();
        (await db.PresencePeriods.AnyAsync(p => p.LibrarianId == admin.Id, Cancel)).Should().BeFalse("no hours were recorded for him");
    }

    [Fact]
    public async Task An_Online_state_left_on_a_non_librarian_neither_opens_the_desk_nor_lists_him_as_a_transfer_target()
    {
        var admin = await StaffAccounts.CreateAsync(app, NewEmail(), [DeskRoles.ItAdmin], "Agus Tertinggal");
        await using (var db = app.CreateDbContext())
        {
            // As an earlier version left it: the admin Online in the database.
            await db.Users.Where(u => u.Id == admin.Id).ExecuteUpdateAsync(u => u.SetProperty(l => l.Presence, Presence.Online), Cancel);
        }

        var status = await app.Service<DeskStatusService>().GetAsync(Cancel);
        status.Should().BeEquivalentTo(new { State = DeskState.NoLibrarianOnline, LibrariansOnline = 0 });
        await using (var patron = await PatronClient.ConnectAsync(app))
        {
            patron.Hello.Status.State.Should().Be(DeskStatusInfo.NoLibrarian);
        }

        var sari = await OnlineLibrarianAsync("Sari Bertugas");
        (await Presences.GetOnDutyAsync(Cancel)).Select(s => s.DisplayName).Should().Equal("Sari Bertugas");
        (await Presences.IsOnDutyAsync(admin.Id, Cancel)).Should().BeFalse();
        (await Presences.IsOnDutyAsync(sari.Id, Cancel)).Should().BeTrue();
        (await app.Service<DeskStatusService>().GetAsync(Cancel)).LibrariansOnline.Should().Be(1);

        (await Presences.ClearNonLibrariansAsync(cancellationToken: Cancel)).Should().Be(1);
        (await Presences.GetAsync(admin.Id, Cancel)).Should().Be(Presence.Offline);
        (await Presences.GetAsync(sari.Id, Cancel)).Should().Be(Presence.Online, "a librarian's presence is hers to keep");
    }

    [Fact]
    public async Task Removing_the_Librarian_role_sets_the_account_Offline_and_the_open_widget_hears_the_desk_has_nobody()
    {
        var hendra = await OnlineLibrarianAsync("Hendra Gunawan", DeskRoles.Supervisor);
        await using var patron = await PatronClient.ConnectAsync(app);
        patron.Hello.Status.State.Should().Be(DeskStatusInfo.Open);

        var result = await app.Service<AccountService>().UpdateAsync(
            new AuditActor(null, "IT admin"), hendra.Id, new AccountDraft(hendra.Email!, hendra.DisplayName, [DeskRoles.Supervisor]));

        result.Succeeded.Should().BeTrue();
        (await Presences.GetAsync(hendra.Id, Cancel)).Should().Be(Presence.Offline);
        (await PatronClient.NextAsync(patron.StatusChanges)).Should().BeEquivalentTo(new { IsOpen = false, State = DeskStatusInfo.NoLibrarian });
        await using var db = app.CreateDbContext();
        (await db.PresencePeriods.Where(p => p.LibrarianId == hendra.Id).Select(p => p.EndedAt).ToListAsync(Cancel))
            .Should().ContainSingle().Which.Should().NotBeNull("his Online hours end with the role");
    }

    [Fact]
    public async Task A_conversation_cannot_be_handed_to_an_IT_admin_and_stays_with_its_librarian()
    {
        var sari = await OnlineLibrarianAsync("Sari Wulandari");
        var admin = await StaffAccounts.CreateAsync(app, NewEmail(), [DeskRoles.ItAdmin], "Agus Admin");
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        var chat = app.Service<LibrarianChat>();
        await chat.ReplyAsync(sari.Id, started.ConversationId, "Saya bantu, ya.");
        (await PatronClient.NextAsync(patron.Claims)).LibrarianName.Should().Be("Sari Wulandari");

        var handing = () => chat.TransferAsync(sari.Id, started.ConversationId, admin.Id, "Tolong dicek.");

        (await handing.Should().ThrowAsync<NotALibrarianException>()).Which.Message.Should().StartWith("not_a_librarian: ");
        await using var db = app.CreateDbContext();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel);
        conversation.OwnerId.Should().Be(sari.Id);
        (await db.ChatMessages.AnyAsync(m => m.ConversationId == started.ConversationId && m.Text == "Tolong dicek.", Cancel))
            .Should().BeFalse("the note of a refused transfer is not kept");
        patron.Claims.Reader.TryRead(out _).Should().BeFalse("the patron is not told of a transfer that did not happen");
    }

    [Fact]
    public async Task The_librarian_tables_and_filters_have_no_row_for_an_account_without_the_Librarian_role()
    {
        await OnlineLibrarianAsync("Dewi Lestari");
        var agus = await OnlineLibrarianAsync("Agus Setiawan", DeskRoles.ItAdmin);
        (await app.Service<AccountService>().UpdateAsync(
            new AuditActor(null, "IT admin"), agus.Id, new AccountDraft(agus.Email!, agus.DisplayName, [DeskRoles.ItAdmin]))).Succeeded.Should().BeTrue();

        var today = DateOnly.FromDateTime(Wib.ToWib(DateTimeOffset.UtcNow).DateTime);
        var report = await app.Service<AnalyticsService>().GetReportAsync(new AnalyticsQuery(today, today), Cancel);

        report.Librarians.Select(l => l.DisplayName).Should().Contain("Dewi Lestari").And.NotContain("Agus Setiawan",
            "his Online minutes as a librarian do not make an IT admin a row of the librarian table");
        (await app.Service<AnalyticsService>().GetFilterOptionsAsync(Cancel)).Librarians.Select(l => l.Value).Should().NotContain("Agus Setiawan");
        (await app.Service<HistorySearch>().ChoicesAsync(Cancel)).Librarians.Select(l => l.DisplayName)
            .Should().Contain("Dewi Lestari").And.NotContain(["Agus Setiawan", "Administrator"]);
        (await app.Service<OfflineMessageService>().ListAssigneesAsync(Cancel)).Select(a => a.DisplayName)
            .Should().Contain("Dewi Lestari").And.NotContain(["Agus Setiawan", "Administrator"]);
    }
}
