using System.Security.Claims;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.AuditLog;
using LibrarianDesk.Features.Faq;
using LibrarianDesk.Features.History;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.Members;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Features.Visitors;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Shared.Faq;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Shared.Visitors;
using LibrarianDesk.Tests.Features.Members;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.Accounts;

/// <summary>Each admin service refuses a caller without the role by itself, whatever page or endpoint called it.</summary>
public sealed class ServiceRoleCheckTests(DeskApp app) : IClassFixture<DeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<AuditActor> ActorAsync(params string[] roles) => StaffAccounts.ActorAsync(app, "Caller", roles);

    private Task<AuditActor> LibrarianAsync() => ActorAsync(DeskRoles.Librarian);

    private Task<AuditActor> ItAdminAsync() => ActorAsync(DeskRoles.ItAdmin);

    /// <summary>An account with <paramref name="roles"/> that has not yet replaced its generated password.</summary>
    private async Task<AuditActor> MustChangePasswordAsync(params string[] roles)
    {
        var account = await StaffAccounts.CreateAsync(app, $"must-change-{Guid.NewGuid():N}@test.local", roles, mustChangePassword: true);
        return new AuditActor(account.Id, account.DisplayName);
    }

    [Fact]
    public async Task The_IP_block_list_is_read_by_supervisors_and_IT_admins_only()
    {
        var blocks = app.Service<IpBlockService>();

        await FluentActions.Awaiting(async () => await blocks.ListAsync(await LibrarianAsync(), Cancel)).Should().ThrowAsync<StaffRoleRequiredException>();
        await FluentActions.Awaiting(async () => await blocks.ListAsync(await MustChangePasswordAsync(DeskRoles.ItAdmin), Cancel))
            .Should().ThrowAsync<StaffRoleRequiredException>();

        await FluentActions.Awaiting(async () => await blocks.ListAsync(await ActorAsync(DeskRoles.Supervisor), Cancel)).Should().NotThrowAsync();
        await FluentActions.Awaiting(async () => await blocks.ListAsync(await ItAdminAsync(), Cancel)).Should().NotThrowAsync();
    }

    [Fact]
    public async Task Failed_deliveries_with_patrons_addresses_are_listed_for_supervisors_and_IT_admins_only()
    {
        var failed = app.Service<FailedDeliveries>();

        await FluentActions.Awaiting(async () => await failed.ListAsync(await LibrarianAsync(), Cancel)).Should().ThrowAsync<StaffRoleRequiredException>();
        await FluentActions.Awaiting(async () => await failed.ListAsync(await MustChangePasswordAsync(DeskRoles.Supervisor), Cancel))
            .Should().ThrowAsync<StaffRoleRequiredException>();

        (await failed.ListAsync(await ActorAsync(DeskRoles.Supervisor), Cancel)).Should().BeEmpty("nothing failed to go out");
        (await failed.ListAsync(await ItAdminAsync(), Cancel)).Should().BeEmpty();
    }

    [Fact]
    public async Task Greeting_triggers_are_listed_for_supervisors_only()
    {
        var triggers = app.Service<GreetingTriggerStore>();

        await FluentActions.Awaiting(async () => await triggers.ListAsync(await ItAdminAsync(), Cancel)).Should().ThrowAsync<StaffRoleRequiredException>();
        await FluentActions.Awaiting(async () => await triggers.ListAsync(await MustChangePasswordAsync(DeskRoles.Supervisor), Cancel))
            .Should().ThrowAsync<StaffRoleRequiredException>();

        await FluentActions.Awaiting(async () => await triggers.ListAsync(await ActorAsync(DeskRoles.Supervisor), Cancel)).Should().NotThrowAsync();
    }

    [Fact]
    public async Task The_member_import_dry_run_is_for_supervisors_only()
    {
        var members = app.Service<MemberService>();
        var file = MemberCsv.Read(new StringReader($"{MemberFiles.Header}\nPLAN01,Rina Sinaga,,,01/02/1990,umum,,2020-01-01,2030-01-01\n"));

        await FluentActions.Awaiting(async () => await members.PlanImportAsync(await LibrarianAsync(), file, Cancel)).Should().ThrowAsync<StaffRoleRequiredException>();
        await FluentActions.Awaiting(async () => await members.PlanImportAsync(await MustChangePasswordAsync(DeskRoles.Supervisor), file, Cancel))
            .Should().ThrowAsync<StaffRoleRequiredException>();

        (await members.PlanImportAsync(await ActorAsync(DeskRoles.Supervisor), file, Cancel)).ToAdd.Should().Be(1);
    }

    [Fact]
    public async Task Accounts_are_administered_by_fully_signed_in_IT_admins_only()
    {
        var accounts = app.Service<AccountService>();
        var target = await StaffAccounts.CreateAsync(app, $"target-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian]);

        (await accounts.ResetPasswordAsync(await ActorAsync(DeskRoles.Supervisor), target.Id)).Errors.Should().Equal(AccountErrors.NotAllowed);
        (await accounts.ResetPasswordAsync(await MustChangePasswordAsync(DeskRoles.ItAdmin), target.Id)).Errors.Should().Equal(AccountErrors.NotAllowed);
        (await accounts.ResetPasswordAsync(await ItAdminAsync(), target.Id)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task IP_blocks_are_added_lifted_and_imported_by_IT_admins_only()
    {
        var supervisor = await ActorAsync(DeskRoles.Supervisor);
        var blocks = app.Service<IpBlockService>();

        await FluentActions.Awaiting(() => blocks.AddAsync(supervisor, new IpBlockDraft("198.51.100.7", "spam", BlockDuration.OneHour), null))
            .Should().ThrowAsync<StaffRoleRequiredException>();
        await FluentActions.Awaiting(() => blocks.ImportAsync(supervisor, [new IpBlock { Range = "198.51.100.8", Reason = "spam" }]))
            .Should().ThrowAsync<StaffRoleRequiredException>();
        (await blocks.ListAsync(supervisor, Cancel)).Should().BeEmpty("nothing was blocked");

        var added = await blocks.AddAsync(await ItAdminAsync(), new IpBlockDraft("198.51.100.7", "spam", BlockDuration.OneHour), null);
        await FluentActions.Awaiting(() => blocks.RemoveAsync(supervisor, added.Block!.Id)).Should().ThrowAsync<StaffRoleRequiredException>();
        (await blocks.ListAsync(supervisor, Cancel)).Should().ContainSingle("the block stays");
    }

    [Fact]
    public async Task Members_are_searched_by_librarians_and_imported_and_exported_by_supervisors_even_without_the_librarian_role()
    {
        var members = app.Service<MemberService>();
        var file = MemberCsv.Read(new StringReader($"{MemberFiles.Header}\nROLE01,Dewi Anggraini,dewi@contoh.id,0812-1111-2222,01/02/1990,umum,,2020-01-01,2030-01-01\n"));
        var librarian = await LibrarianAsync();
        var supervisor = await ActorAsync(DeskRoles.Supervisor);

        await FluentActions.Awaiting(() => members.ApplyImportAsync(librarian, file, cancellationToken: Cancel)).Should().ThrowAsync<StaffRoleRequiredException>();
        await FluentActions.Awaiting(() => members.ExportAsync(librarian, Cancel)).Should().ThrowAsync<StaffRoleRequiredException>();
        await FluentActions.Awaiting(() => members.SearchAsync(supervisor, new MemberSearch(Name: "dewi"), cancellationToken: Cancel))
            .Should().ThrowAsync<StaffRoleRequiredException>();
        var itAdmin = await ItAdminAsync();
        await FluentActions.Awaiting(() => members.FindAsync(itAdmin, "ROLE01", Cancel)).Should().ThrowAsync<StaffRoleRequiredException>();

        (await members.ApplyImportAsync(supervisor, file, cancellationToken: Cancel)).Applied.Should().BeTrue();
        (await members.ExportAsync(supervisor, Cancel)).Should().Contain("ROLE01");
        (await members.SearchAsync(librarian, new MemberSearch(Name: "dewi"), cancellationToken: Cancel)).Total.Should().Be(1);
    }

    [Fact]
    public async Task Service_hours_and_holidays_are_changed_by_supervisors_only()
    {
        var store = app.Service<ServiceHoursStore>();
        var librarian = await LibrarianAsync();

        await FluentActions.Awaiting(() => store.SetAlwaysOpenAsync(librarian, true)).Should().ThrowAsync<StaffRoleRequiredException>();
        await FluentActions.Awaiting(() => store.AddHolidayAsync(librarian, new DateOnly(2026, 12, 25), "Natal", default))
            .Should().ThrowAsync<StaffRoleRequiredException>();
        await FluentActions.Awaiting(() => store.SaveWeekAsync(librarian, [])).Should().ThrowAsync<StaffRoleRequiredException>();
        (await store.GetAsync(Cancel)).Holidays.Should().NotContain(h => h.Name == "Natal");
    }

    [Fact]
    public async Task The_FAQ_is_written_by_supervisors_only()
    {
        var faq = app.Service<FaqService>();
        var before = (await faq.ListAsync(Cancel)).Count;
        var entry = new FaqEntry { QuestionId = "Jam buka?", AnswerId = "Pukul 08.00", QuestionEn = "Opening hours?", AnswerEn = "08:00", IsPublished = true };

        var itAdmin = await ItAdminAsync();
        await FluentActions.Awaiting(() => faq.SaveAsync(itAdmin, entry)).Should().ThrowAsync<StaffRoleRequiredException>();
        (await faq.ListAsync(Cancel)).Should().HaveCount(before);
    }

    [Fact]
    public async Task Mail_templates_are_changed_by_supervisors_only()
    {
        var templates = app.Service<MailTemplateStore>();
        var librarian = await LibrarianAsync();

        await FluentActions.Awaiting(() => templates.SaveAsync(librarian, MailTemplateKinds.Transcript, "id", "Subjek", "Isi {transcript}"))
            .Should().ThrowAsync<StaffRoleRequiredException>();
        await FluentActions.Awaiting(() => templates.ResetAsync(librarian, MailTemplateKinds.Transcript, "id")).Should().ThrowAsync<StaffRoleRequiredException>();
        (await templates.GetViewAsync(MailTemplateKinds.Transcript, "id", Cancel)).IsCustom.Should().BeFalse();
    }

    [Fact]
    public async Task Failed_deliveries_are_retried_and_discarded_by_supervisors_and_IT_admins_only()
    {
        var failed = app.Service<FailedDeliveries>();
        var librarian = await LibrarianAsync();

        await FluentActions.Awaiting(() => failed.RetryNowAsync(librarian, Guid.NewGuid())).Should().ThrowAsync<StaffRoleRequiredException>();
        await FluentActions.Awaiting(() => failed.DiscardAsync(librarian, Guid.NewGuid())).Should().ThrowAsync<StaffRoleRequiredException>();
    }

    [Fact]
    public async Task Greeting_triggers_are_changed_by_supervisors_only()
    {
        var triggers = app.Service<GreetingTriggerStore>();
        var trigger = new GreetingTrigger { Name = "Katalog", Kind = GreetingTriggerKind.PageDwell, Pattern = "/katalog", DwellSeconds = 30, TextId = "Halo", IsEnabled = true };

        var librarian = await LibrarianAsync();
        var itAdmin = await ItAdminAsync();

        await FluentActions.Awaiting(() => triggers.SaveAsync(librarian, trigger)).Should().ThrowAsync<StaffRoleRequiredException>();
        (await triggers.ListAsync(await ActorAsync(DeskRoles.Supervisor), Cancel)).Should().BeEmpty();
        await FluentActions.Awaiting(() => triggers.SetEnabledAsync(itAdmin, 1, false)).Should().ThrowAsync<StaffRoleRequiredException>();
        await FluentActions.Awaiting(() => triggers.DeleteAsync(itAdmin, 1)).Should().ThrowAsync<StaffRoleRequiredException>();
    }

    [Fact]
    public async Task The_audit_log_is_read_by_supervisors_and_IT_admins_only()
    {
        var librarian = await LibrarianAsync();
        await FluentActions.Awaiting(() => app.Service<AuditLogQuery>().PageAsync(librarian, new AuditLogFilter(), 0, 10, Cancel))
            .Should().ThrowAsync<StaffRoleRequiredException>();
        (await app.Service<AuditLogQuery>().PageAsync(await ItAdminAsync(), new AuditLogFilter(), 0, 10, Cancel)).Total.Should().BePositive();
    }

    [Fact]
    public async Task History_is_searched_by_librarians_and_supervisors_only()
    {
        var itAdmin = await ItAdminAsync();

        await FluentActions.Awaiting(() => app.Service<HistorySearch>().SearchAsync(new HistoryFilter(), new HistoryReader(itAdmin.Id!), 0, 10, Cancel))
            .Should().ThrowAsync<StaffRoleRequiredException>();
        await FluentActions.Awaiting(() => app.Service<HistorySearch>().SearchAsync(new HistoryFilter(), new HistoryReader(""), 0, 10, Cancel))
            .Should().ThrowAsync<StaffRoleRequiredException>("a caller without an account is nobody");
    }

    [Fact]
    public async Task A_supervisor_who_must_still_change_the_password_or_is_deactivated_is_refused_too()
    {
        var faq = app.Service<FaqService>();
        var account = await StaffAccounts.CreateAsync(app, $"must-change-{Guid.NewGuid():N}@test.local", [DeskRoles.Supervisor], mustChangePassword: true);
        var mustChange = new AuditActor(account.Id, account.DisplayName);
        await FluentActions.Awaiting(() => faq.DeleteAsync(mustChange, 1)).Should().ThrowAsync<StaffRoleRequiredException>();

        var supervisor = await ActorAsync(DeskRoles.Supervisor);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Librarian>>();
            var stored = (await users.FindByIdAsync(supervisor.Id!))!;
            stored.IsActive = false;
            (await users.UpdateAsync(stored)).Succeeded.Should().BeTrue();
        }

        await FluentActions.Awaiting(() => faq.DeleteAsync(supervisor, 1)).Should().ThrowAsync<StaffRoleRequiredException>();
    }

    [Fact]
    public void A_signed_out_caller_has_no_actor_to_act_as()
    {
        FluentActions.Invoking(() => AuditActor.From(new ClaimsPrincipal(new ClaimsIdentity())))
            .Should().Throw<UnauthorizedAccessException>().WithMessage("not_signed_in: *");
    }
}
