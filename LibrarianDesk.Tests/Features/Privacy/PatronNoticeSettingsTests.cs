using Bunit;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.Privacy;

public sealed class PatronNoticeSettingsTests : LiveDeskComponentTest, IClassFixture<DeskApp>
{
    private readonly string supervisorName = $"Supervisor {Guid.NewGuid():N}";
    private string supervisorId = "";

    public PatronNoticeSettingsTests(DeskApp app)
        : base(app)
    {
        ArgumentNullException.ThrowIfNull(app);
        Services.AddSingleton(app.Service<PatronNoticeStore>());
    }

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    private async Task SignInAsSupervisorAsync()
    {
        var account = await StaffAccounts.CreateAsync(App, $"notice-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian, DeskRoles.Supervisor], supervisorName);
        supervisorId = account.Id;
        SignInAsAccount(account.Id, supervisorName, DeskRoles.Librarian, DeskRoles.Supervisor);
    }

    [Fact]
    public async Task A_link_that_is_not_https_is_refused_on_the_form_and_nothing_is_saved()
    {
        await SignInAsSupervisorAsync();
        var before = await App.Service<PatronNoticeStore>().GetAsync(Cancel);
        var form = Render<PatronNoticeSettings>();
        form.WaitForAssertion(() => form.Find("[data-testid=notice-link]"));

        form.Find("[data-testid=notice-link]").Input("http://perpustakaan.example/privasi");
        form.Find("[data-testid=notice-save]").Click();

        form.WaitForAssertion(() => form.Find("[data-testid=notice-error]").TextContent
            .Should().Be("Tautan harus berupa alamat lengkap yang diawali https:// (paling banyak 2000 karakter)."));
        (await App.Service<PatronNoticeStore>().GetAsync(Cancel)).Should().Be(before);
    }

    [Fact]
    public async Task A_supervisor_saves_the_notice_and_the_switch_and_the_save_is_audited_under_their_name()
    {
        await SignInAsSupervisorAsync();
        var form = Render<PatronNoticeSettings>();
        form.WaitForAssertion(() => form.Find("[data-testid=notice-link]"));
        form.Markup.Should().Contain("Pustakawan melihat pesan pemustaka selagi diketik");

        form.Find("[data-testid=notice-link]").Input("https://perpustakaan.example/privasi");
        form.Find("[data-testid=notice-text-id]").Input("Percakapan disimpan 24 bulan.");
        form.Find("[data-testid=notice-text-en]").Input("Conversations are kept for 24 months.");
        form.Find("input[data-testid=notice-typing-previews]").Change(false);
        form.Find("[data-testid=notice-save]").Click();

        await Eventually.TrueAsync(async () =>
        {
            await using var db = App.CreateDbContext();
            return await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.PatronNoticeChanged && a.ActorId == supervisorId, Cancel);
        }, "the save is audited under the supervisor's account");
        form.FindAll("[data-testid=notice-error]").Should().BeEmpty();
        (await App.Service<PatronNoticeStore>().GetAsync(Cancel)).Should().Be(new PatronNotice(
            "https://perpustakaan.example/privasi", "Percakapan disimpan 24 bulan.", "Conversations are kept for 24 months.", TypingPreviews: false));

        var reopened = Render<PatronNoticeSettings>();
        reopened.WaitForAssertion(() => reopened.Find("[data-testid=notice-link]").GetAttribute("value").Should().Be("https://perpustakaan.example/privasi"));
    }
}
