using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Shared.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.OfflineMessages;

/// <summary>Age against the reply target, assignment, templates and the announcement's commit, on the seeded schedule and a test clock.</summary>
public sealed class OfflineWorkflowTests(OfflineDeskOnAClock app) : IClassFixture<OfflineDeskOnAClock>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private OfflineMessageService Offline => app.Service<OfflineMessageService>();

    private async Task<OfflineInboxItem> ItemAsync(Guid id) =>
        (await Offline.ListAsync(cancellationToken: Cancel)).Single(i => i.Id == id);

    [Fact]
    public async Task A_sunday_message_ages_in_working_hours_and_is_overdue_after_24_of_them()
    {
        app.SetWib(12, 6, 11);
        var id = await OfflineDesk.LeaveMessageAsync(app, OfflineDesk.UniqueEmail("minggu"));

        app.SetWib(12, 7, 10, 30);
        (await ItemAsync(id)).Target.Should().Be(new ReplyTargetState(
            TimeSpan.FromHours(1.5), Wib.At(new DateOnly(2026, 12, 9), new TimeOnly(13, 0)), Overdue: false, AnsweredLate: false));

        app.SetWib(12, 9, 12, 59);
        (await ItemAsync(id)).Target.Overdue.Should().BeFalse();
        app.SetWib(12, 9, 13, 0);
        (await ItemAsync(id)).Target.Overdue.Should().BeTrue();
        (await Offline.GetThreadAsync(id, Cancel))!.Target.Overdue.Should().BeTrue();

        (await Offline.ReplyAsync(app.Librarian, id, "Maaf terlambat; jawabannya ada di lantai 2.")).Should().BeEmpty();
        app.SetWib(12, 14, 10);
        (await ItemAsync(id)).Target.Should().BeEquivalentTo(new { WorkingAge = TimeSpan.FromHours(24), Overdue = false, AnsweredLate = false });
    }

    [Fact]
    public async Task A_librarian_takes_an_unassigned_message_a_colleague_cannot_take_it_away_and_a_supervisor_reassigns_it()
    {
        app.SetWib(12, 7, 9);
        var id = await OfflineDesk.LeaveMessageAsync(app, OfflineDesk.UniqueEmail("tugas"));
        (await Offline.ListAsync(assignee: OfflineAssigneeFilter.Unassigned, cancellationToken: Cancel)).Should().Contain(i => i.Id == id);

        (await Offline.AssignAsync(app.Librarian, false, id, app.Librarian.Id)).Should().BeEmpty();
        (await ItemAsync(id)).AssignedLibrarianName.Should().Be("Sari Wulandari");
        (await Offline.ListAsync(assignee: OfflineAssigneeFilter.Mine, librarianId: app.Librarian.Id, cancellationToken: Cancel)).Should().Contain(i => i.Id == id);
        (await Offline.ListAsync(assignee: OfflineAssigneeFilter.Mine, librarianId: app.Colleague.Id, cancellationToken: Cancel)).Should().NotContain(i => i.Id == id);
        (await Offline.ListAsync(assignee: OfflineAssigneeFilter.Unassigned, cancellationToken: Cancel)).Should().NotContain(i => i.Id == id);

        (await Offline.AssignAsync(app.Colleague, false, id, app.Colleague.Id)).Should().Equal(OfflineErrors.AssignedToAnother);
        (await Offline.AssignAsync(app.Colleague, false, id, null)).Should().Equal(OfflineErrors.AssignedToAnother);
        (await Offline.AssignAsync(app.Librarian, false, id, app.Colleague.Id)).Should().Equal([OfflineErrors.AssignedToAnother], "only a supervisor assigns others");
        (await ItemAsync(id)).AssignedLibrarianId.Should().Be(app.Librarian.Id);

        (await Offline.AssignAsync(app.Supervisor, true, id, app.Colleague.Id)).Should().BeEmpty();
        (await Offline.GetThreadAsync(id, Cancel))!.AssignedLibrarianName.Should().Be("Dewi Lestari");
        (await Offline.AssignAsync(app.Colleague, false, id, null)).Should().BeEmpty("a librarian gives back their own");
        (await ItemAsync(id)).AssignedLibrarianId.Should().BeNull();

        await using var db = app.CreateDbContext();
        (await db.AuditEntries.Where(e => e.Action == OfflineAuditActions.Assigned && e.Target == id.ToString()).OrderBy(e => e.Id)
                .Select(e => new { e.ActorName, e.Details }).ToListAsync(Cancel))
            .Should().Equal(
                new { ActorName = "Sari Wulandari", Details = (string?)"to: Sari Wulandari" },
                new { ActorName = "Hendra Gunawan", Details = (string?)"to: Dewi Lestari" },
                new { ActorName = "Dewi Lestari", Details = (string?)"unassigned" });
    }

    [Fact]
    public async Task A_supervisor_can_only_assign_an_active_librarian()
    {
        var id = await OfflineDesk.LeaveMessageAsync(app, OfflineDesk.UniqueEmail("bukanpustakawan"));
        var admin = await Infrastructure.StaffAccounts.CreateAsync(app, $"{Guid.NewGuid():N}@test.local", [Shared.Staff.DeskRoles.ItAdmin], "Agus Salim");

        (await Offline.AssignAsync(app.Supervisor, true, id, admin.Id)).Should().Equal(OfflineErrors.NotALibrarian);
        (await Offline.AssignAsync(app.Supervisor, true, Guid.NewGuid(), app.Supervisor.Id)).Should().Equal(OfflineErrors.NotFound);
        (await Offline.ListAssigneesAsync(Cancel)).Select(a => a.DisplayName).Should().Contain(["Sari Wulandari", "Dewi Lestari", "Hendra Gunawan"]).And.NotContain("Agus Salim");
    }

    [Fact]
    public async Task The_announcement_is_committed_with_the_message_without_waiting_for_any_listener()
    {
        var announcer = app.Service<OfflineMessageAnnouncer>();
        await announcer.StopAsync(Cancel);
        try
        {
            var id = await OfflineDesk.LeaveMessageAsync(app, OfflineDesk.UniqueEmail("satutransaksi"));

            await using var db = app.CreateDbContext();
            var message = await db.OfflineMessages.SingleAsync(m => m.Id == id, Cancel);
            var announcement = await db.OutboxMails.SingleAsync(m => m.Kind == OutboxMailKinds.OfflineAnnouncement && m.RelatedId == id, Cancel);
            announcement.To.Should().Be(OfflineDeskApp.LibraryMailbox);
            announcement.CreatedAt.Should().Be(message.ReceivedAt);
        }
        finally
        {
            await announcer.StartAsync(Cancel);
        }
    }

    [Fact]
    public async Task A_supervisors_reply_template_writes_the_next_reply_and_a_reset_brings_back_the_default()
    {
        var templates = app.Service<MailTemplateStore>();
        (await templates.SaveAsync(app.Supervisor, MailTemplateKinds.OfflineReply, "id", "Jawaban untuk {PatronName}\r\nBcc: x@evil.test", "{Reply}"))
            .Should().Equal(new MailTemplateProblem(MailTemplateText.SubjectHasLineBreak));
        (await templates.SaveAsync(app.Supervisor, MailTemplateKinds.OfflineReply, "id", "Jawaban untuk {PatronName}", "{Reply}\n{Foo}"))
            .Should().Equal(new MailTemplateProblem(MailTemplateText.UnknownPlaceholder, "Foo"));
        (await templates.GetViewAsync(MailTemplateKinds.OfflineReply, "id", Cancel)).IsCustom.Should().BeFalse("a refused template saves nothing");

        (await templates.SaveAsync(app.Supervisor, MailTemplateKinds.OfflineReply, "id",
            "Jawaban untuk {PatronName}", "Salam dari {LibraryName}.\n\n{Reply}\n\n— {LibrarianName}\n{Question}")).Should().BeEmpty();
        try
        {
            var email = OfflineDesk.UniqueEmail("templat");
            var id = await OfflineDesk.LeaveMessageAsync(app, email, "Kapan ruang baca anak buka?", "Nadia Putri");
            (await Offline.ReplyAsync(app.Librarian, id, "Setiap hari pukul 09.00.")).Should().BeEmpty();
            await app.Service<OutboxSender>().SendDueAsync(Cancel);

            var (mail, _) = OfflineDesk.MailsTo(app.PickupFolder, email).Should().ContainSingle().Subject;
            mail.Subject.Should().Be("Jawaban untuk Nadia Putri");
            mail.TextBody.Should().Be("Salam dari Perpustakaan Nasional RI.\n\nSetiap hari pukul 09.00.\n\n— Sari Wulandari\n> Kapan ruang baca anak buka?\n");
            mail.HtmlBody.Should().Contain("<blockquote");
        }
        finally
        {
            await templates.ResetAsync(app.Supervisor, MailTemplateKinds.OfflineReply, "id");
        }

        var view = await templates.GetViewAsync(MailTemplateKinds.OfflineReply, "id", Cancel);
        view.IsCustom.Should().BeFalse();
        view.Template.Subject.Should().Be("Re: Pertanyaan Anda di Tanya Pustakawan");
        await using var db = app.CreateDbContext();
        (await db.AuditEntries.Where(e => e.Target == "offline-reply/id").Select(e => e.Action).ToListAsync(Cancel))
            .Should().Equal(OfflineAuditActions.TemplateSaved, OfflineAuditActions.TemplateReset);
    }

    [Fact]
    public void Every_default_template_is_valid_in_both_languages()
    {
        foreach (var kind in MailTemplateKinds.All)
        {
            foreach (var language in MailTemplateKinds.Languages)
            {
                var template = MailTexts.DefaultTemplate(kind, language);
                MailTemplateText.Validate(kind, template.Subject, template.Body).Should().BeEmpty($"{kind}/{language}");
            }
        }
    }
}
