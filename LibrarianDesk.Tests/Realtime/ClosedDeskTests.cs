using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Realtime;

/// <summary>The desk on a fake clock, with a librarian Online: only the service hours decide.</summary>
public sealed class ClosedDeskTests(ClosedDeskTests.DeskOnAFakeClock app) : IClassFixture<ClosedDeskTests.DeskOnAFakeClock>
{
    public sealed class DeskOnAFakeClock : DeskApp
    {
        public AdjustableClock Clock { get; } = new(Wib.At(new DateOnly(2026, 12, 2), new TimeOnly(10, 0)));

        protected override TimeProvider Time => Clock;


        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            var librarian = await StaffAccounts.CreateAsync(this, "online@test.local", [DeskRoles.Librarian], "Dewi Lestari");
            await Service<PresenceService>().SetAsync(librarian.Id, Presence.Online);
        }

        public void SetWib(int year, int month, int day, int hour, int minute) =>
            Clock.Set(Wib.At(new DateOnly(year, month, day), new TimeOnly(hour, minute)));
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<StartConversationResponse> StartAsync(PatronClient patron) => patron.StartAsync();

    [Fact]
    public async Task On_a_Sunday_the_desk_says_when_it_opens_and_refuses_a_chat_but_keeps_an_offline_message()
    {
        app.SetWib(2026, 12, 6, 11, 0);
        await using var patron = await PatronClient.ConnectAsync(app);

        patron.Hello.Status.Should().BeEquivalentTo(new
        {
            IsOpen = false, State = DeskStatusInfo.ClosedState, ClosedReason = DeskStatusInfo.OutsideHours,
            NextOpening = (DateTimeOffset?)Wib.At(new DateOnly(2026, 12, 7), new TimeOnly(9, 0)),
        });
        (await FluentActions.Awaiting(() => StartAsync(patron)).Should().ThrowAsync<HubException>())
            .Which.Error().Should().StartWith("closed: Layanan sedang tutup.");

        var left = await patron.InvokeAsync<OfflineMessageAcknowledgement>(PatronHubContract.Methods.LeaveOfflineMessage,
            new OfflineMessageRequest("Budi", "budi@contoh.id", "1234567", patron.Hello.QuestionTypes[1].Id, "Bagaimana cara memperpanjang kartu anggota?"));

        await using var db = app.CreateDbContext();
        var stored = await db.OfflineMessages.SingleAsync(m => m.Id == left.OfflineMessageId, Cancel);
        stored.Should().BeEquivalentTo(new { Name = "Budi", Email = "budi@contoh.id", MemberNumber = "1234567", Text = "Bagaimana cara memperpanjang kartu anggota?" });
        stored.ReceivedAt.Should().Be(Wib.At(new DateOnly(2026, 12, 6), new TimeOnly(11, 0)), "stamped by the desk's clock");
    }

    [Fact]
    public async Task On_a_2026_holiday_the_desk_names_the_holiday_and_refuses_a_chat()
    {
        app.SetWib(2026, 8, 17, 10, 0);
        await using var patron = await PatronClient.ConnectAsync(app);

        patron.Hello.Status.ClosedReason.Should().Be(DeskStatusInfo.Holiday);
        patron.Hello.Status.HolidayName.Should().Be("Proklamasi Kemerdekaan");
        (await FluentActions.Awaiting(() => StartAsync(patron)).Should().ThrowAsync<HubException>())
            .Which.Error().Should().StartWith("closed:");
    }

    [Fact]
    public async Task Inside_the_hours_with_a_librarian_online_a_chat_starts()
    {
        app.SetWib(2026, 12, 4, 18, 59);
        await using var patron = await PatronClient.ConnectAsync(app);
        patron.Hello.Status.IsOpen.Should().BeTrue();
        (await StartAsync(patron)).FirstMessage.Sequence.Should().Be(1);
    }

    [Fact]
    public async Task An_offline_message_with_a_bad_email_is_refused_and_nothing_is_stored()
    {
        app.SetWib(2026, 12, 6, 11, 0);
        await using var patron = await PatronClient.ConnectAsync(app);
        await using var db = app.CreateDbContext();
        var before = await db.OfflineMessages.CountAsync(Cancel);

        var leave = () => patron.InvokeAsync<OfflineMessageAcknowledgement>(PatronHubContract.Methods.LeaveOfflineMessage,
            new OfflineMessageRequest("Budi", "budi at contoh", null, patron.Hello.QuestionTypes[0].Id, "Halo"));

        (await leave.Should().ThrowAsync<HubException>()).Which.Error().Should().StartWith("validation: Isi alamat email yang valid");
        (await db.OfflineMessages.CountAsync(Cancel)).Should().Be(before);
    }
}
