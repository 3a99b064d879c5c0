using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Privacy;

public sealed class PatronNoticeStoreTests(DeskApp app) : IClassFixture<DeskApp>
{
    private static readonly AuditActor Supervisor = new(null, "Supervisor in a test");

    private PatronNoticeStore Store => app.Service<PatronNoticeStore>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://perpustakaan.example/privasi")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/privasi")]
    [InlineData("perpustakaan.example/privasi")]
    [InlineData("https://perpustakaan.example/privasi saya")]
    [InlineData("https://pustakawan:rahasia@perpustakaan.example/privasi")]
    public async Task A_link_that_is_not_an_absolute_https_address_is_refused_and_nothing_changes(string link)
    {
        var before = await Store.GetAsync(Cancel);

        var problems = await Store.SaveAsync(Supervisor, new PatronNotice(link, "Teks.", null, TypingPreviews: false));

        problems.Should().Equal(PatronNoticeErrors.LinkInvalid);
        (await Store.GetAsync(Cancel)).Should().Be(before);
    }

    [Fact]
    public async Task Texts_and_a_link_longer_than_the_limits_are_refused()
    {
        var tooLong = new string('a', PatronNotice.MaxTextLength + 1);
        var longLink = "https://perpustakaan.example/" + new string('p', PatronNotice.MaxLinkLength);

        (await Store.SaveAsync(Supervisor, new PatronNotice(longLink, tooLong, tooLong, TypingPreviews: true)))
            .Should().Equal(PatronNoticeErrors.LinkInvalid, PatronNoticeErrors.TextIndonesianTooLong, PatronNoticeErrors.TextEnglishTooLong);
        (await Store.SaveAsync(Supervisor, new PatronNotice(null, new string('a', PatronNotice.MaxTextLength), "  ", TypingPreviews: true)))
            .Should().BeEmpty("the limit itself is allowed, and blanks mean none");
    }

    [Fact]
    public async Task A_saved_notice_is_read_back_trimmed_and_audited()
    {
        var problems = await Store.SaveAsync(Supervisor, new PatronNotice(
            " https://perpustakaan.example/privasi ", " Data Anda disimpan 24 bulan. ", "", TypingPreviews: false));

        problems.Should().BeEmpty();
        (await Store.GetAsync(Cancel)).Should().Be(new PatronNotice("https://perpustakaan.example/privasi", "Data Anda disimpan 24 bulan.", null, TypingPreviews: false));
        await using var db = app.CreateDbContext();
        (await db.AuditEntries.Where(a => a.Action == AuditActions.PatronNoticeChanged).Select(a => a.Details).ToListAsync(Cancel))
            .Should().Contain(d => d!.Contains("https://perpustakaan.example/privasi") && d.Contains("typing_previews=off"));

        (await Store.SaveAsync(Supervisor, PatronNotice.Default)).Should().BeEmpty();
        (await Store.GetAsync(Cancel)).TypingPreviews.Should().BeTrue();
    }

    [Fact]
    public async Task A_librarian_who_is_not_a_supervisor_may_not_change_it()
    {
        var librarian = await StaffAccounts.ActorAsync(app, "Pustakawan", DeskRoles.Librarian);

        var saving = () => Store.SaveAsync(librarian, PatronNotice.Default with { TypingPreviews = false });

        await saving.Should().ThrowAsync<StaffRoleRequiredException>();
        (await Store.GetAsync(Cancel)).TypingPreviews.Should().BeTrue();
    }
}
