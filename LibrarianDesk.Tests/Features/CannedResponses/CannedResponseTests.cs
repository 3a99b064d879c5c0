using LibrarianDesk.Features.CannedResponses;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.CannedResponses;

public sealed class CannedResponseTests(DeskApp app) : IClassFixture<DeskApp>
{
    private CannedResponseService Canned => app.Service<CannedResponseService>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<string> LibrarianAsync() =>
        (await StaffAccounts.CreateAsync(app, $"{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian])).Id;

    private static CannedResponse Draft(string shortcut, string? ownerId, string text = "Teks balasan") =>
        new() { Shortcut = shortcut, Title = "Judul", TextId = text, TextEn = "", OwnerId = ownerId };

    [Fact]
    public async Task The_seeded_team_replies_expand_in_the_patrons_language()
    {
        var available = await Canned.AvailableToAsync(await LibrarianAsync(), Cancel);

        CannedResponseService.Expand("/jam", available, "id").Should().StartWith("Layanan Tanya Pustakawan buka Senin–Jumat");
        CannedResponseService.Expand(" /JAM ", available, "en").Should().StartWith("The Ask a Librarian desk is open");
        CannedResponseService.Expand("/tidak-ada", available, "id").Should().BeNull();
        CannedResponseService.Expand("/jam buka", available, "id").Should().BeNull("only a shortcut on its own expands");
        CannedResponseService.Expand("jam", available, "id").Should().BeNull();
    }

    [Fact]
    public async Task A_librarians_own_reply_wins_over_the_teams_with_the_same_shortcut_and_stays_private()
    {
        var sari = await LibrarianAsync();
        var budi = await LibrarianAsync();
        (await Canned.SaveAsync(sari, isSupervisor: false, Draft("/salam", sari, "Halo, saya Sari!"))).Should().BeEmpty();

        CannedResponseService.Expand("/salam", await Canned.AvailableToAsync(sari, Cancel), "id").Should().Be("Halo, saya Sari!");
        CannedResponseService.Expand("/salam", await Canned.AvailableToAsync(budi, Cancel), "id").Should().StartWith("Selamat datang");
    }

    [Fact]
    public async Task Only_a_supervisor_writes_team_replies_and_nobody_edits_a_colleagues_own()
    {
        var librarian = await LibrarianAsync();
        (await Canned.SaveAsync(librarian, isSupervisor: false, Draft("tim", null))).Should().Equal(CannedResponseErrors.TeamNeedsSupervisor);
        (await Canned.SaveAsync(librarian, isSupervisor: true, Draft("tim-baru", null))).Should().BeEmpty();

        var colleague = await LibrarianAsync();
        await Canned.SaveAsync(colleague, false, Draft("punyaku", colleague));
        var theirs = (await Canned.AvailableToAsync(colleague, Cancel)).Single(c => c.Shortcut == "punyaku");
        (await Canned.DeleteAsync(librarian, isSupervisor: true, theirs.Id)).Should().BeFalse();
    }

    [Theory]
    [InlineData("jam buka", CannedResponseErrors.BadShortcut)]
    [InlineData("", CannedResponseErrors.BadShortcut)]
    [InlineData("jam", CannedResponseErrors.DuplicateShortcut)]
    public async Task Bad_or_taken_team_shortcuts_are_refused(string shortcut, string expected)
    {
        (await Canned.SaveAsync(await LibrarianAsync(), isSupervisor: true, Draft(shortcut, null))).Should().Contain(expected);
    }
}
