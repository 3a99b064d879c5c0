using Bunit;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Privacy;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.Privacy;

/// <summary>The Privacy page against a running desk, signed in as a real supervisor (the store checks the role in the database).</summary>
public sealed class PrivacyPageTests(OpenDeskApp app) : LiveDeskComponentTest(app), IClassFixture<OpenDeskApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    private async Task<IRenderedComponent<PrivacyPage>> RenderAsSupervisorAsync()
    {
        var supervisor = await StaffAccounts.ActorAsync(App, "Hendra Gunawan", DeskRoles.Supervisor);
        SignInAsAccount(supervisor.Id!, supervisor.Name, DeskRoles.Supervisor);
        Services.AddSingleton(App.Service<PrivacySettingsStore>());
        Services.AddSingleton(App.Service<RetentionJob>());
        Services.AddSingleton(App.Service<PatronNoticeStore>());
        var page = Render<PrivacyPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=privacy-save]"), Patience);
        return page;
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<PrivacyPage> page, string testId) =>
        page.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    private async Task<int> SavesAuditedAsync()
    {
        await using var db = App.CreateDbContext();
        return await db.AuditEntries.CountAsync(a => a.Action == AuditActions.PrivacySettingsChanged, Cancel);
    }

    [Fact]
    public async Task A_retention_out_of_bounds_is_refused_with_its_reason_and_nothing_is_saved()
    {
        var page = await RenderAsSupervisorAsync();
        var saves = await SavesAuditedAsync();

        Input(page, "privacy-retention-months").Change("0");
        Input(page, "privacy-outbox-days").Change("5000");
        await page.Find("[data-testid=privacy-save]").ClickAsync(new());

        page.WaitForAssertion(() => page.FindAll("[data-testid=privacy-problem]").Select(p => p.TextContent).Should().Equal("Masa simpan harus 1–120 bulan.", "Jumlah hari harus 1–3650."), Patience);
        (await SavesAuditedAsync()).Should().Be(saves);
        (await App.Service<PrivacySettingsStore>().GetAsync(Cancel)).RetentionMonths.Should().NotBe(0);
    }

    [Fact]
    public async Task A_save_is_what_the_desk_uses_from_then_on_and_is_audited()
    {
        var page = await RenderAsSupervisorAsync();

        Input(page, "privacy-retention-months").Change("36");
        await page.Find("[data-testid=privacy-ip-none]").ClickAsync(new());
        await page.Find("[data-testid=privacy-save]").ClickAsync(new());

        await Eventually.TrueAsync(async () => (await App.Service<PrivacySettingsStore>().GetAsync(Cancel)).RetentionMonths == 36, "the page saved");
        await using var db = App.CreateDbContext();
        (await db.AuditEntries.Where(a => a.Action == AuditActions.PrivacySettingsChanged).Select(a => a.Details).ToListAsync(Cancel))
            .Should().Contain(d => d!.Contains("retention_months=36"));
        (await App.Service<PrivacySettingsStore>().SaveAsync(new(null, "test"), PrivacySettings.Default)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_last_run_is_shown_once_the_job_has_run()
    {
        var page = await RenderAsSupervisorAsync();
        page.Find("[data-testid=privacy-last-run]").TextContent.Should().Contain("Belum pernah dijalankan");

        await App.Service<RetentionJob>().RunAsync(Cancel);

        var again = Render<PrivacyPage>();
        again.WaitForAssertion(() => again.Find("[data-testid=privacy-last-run]").TextContent.Should().Contain("0 percakapan"), Patience);
    }

    [Fact]
    public async Task A_librarian_who_is_not_a_supervisor_cannot_change_the_settings()
    {
        var librarian = await StaffAccounts.ActorAsync(App, "Sari", DeskRoles.Librarian);

        var save = () => App.Service<PrivacySettingsStore>().SaveAsync(librarian, PrivacySettings.Default with { IpAddresses = IpAddressPolicy.Full });

        await save.Should().ThrowAsync<LibrarianDesk.Features.Accounts.StaffRoleRequiredException>();
    }
}
