using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using QueueConversations = LibrarianDesk.Tests.Features.Queue.Conversations;

namespace LibrarianDesk.Tests.Features.Conversations;

/// <summary>
/// The "to classify" list on the real desk: conversations the patron ended, and missed ones answered later by
/// email, wait for their own librarian (or a supervisor) to record a question type and READ level.
/// </summary>
public sealed class ToClassifyTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private LibrarianChat Chat => app.Service<LibrarianChat>();

    private PatronChat Patron => app.Service<PatronChat>();

    private ConversationLifecycle Lifecycle => app.Service<ConversationLifecycle>();

    private ConversationClassifier Classifier => app.Service<ConversationClassifier>();

    private AuditActor Sari => new(app.LibrarianId, "Sari Wulandari");

    private async Task<IReadOnlyList<Guid>> ListedAsync(AuditActor viewer, ToClassifyScope scope = ToClassifyScope.Mine) =>
        (await Classifier.ListAsync(viewer, scope, TestContext.Current.CancellationToken)).Select(i => i.ConversationId).ToList();

    /// <summary>Sari takes and answers a chat, then the patron ends it.</summary>
    private async Task<Guid> EndedByPatronAsync()
    {
        var started = await QueueConversations.StartedAsync(app, "Rudi Hartono", text: "Apakah ada arsip koran 1950-an?");
        await Chat.ClaimAsync(app.LibrarianId, started.ConversationId);
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Ada, di lantai 5.");
        await Patron.EndByPatronAsync(new ConversationKey(started.ConversationId, started.PatronToken));
        return started.ConversationId;
    }

    [Fact]
    public async Task A_conversation_the_patron_ended_waits_for_its_owner_only_and_leaves_once_classified()
    {
        var budi = await StaffAccounts.ActorAsync(app, "Budi Santoso", DeskRoles.Librarian);
        var id = await EndedByPatronAsync();

        var listed = (await Classifier.ListAsync(Sari, ToClassifyScope.Mine, TestContext.Current.CancellationToken)).Single(i => i.ConversationId == id);
        listed.Should().BeEquivalentTo(new { PatronName = "Rudi Hartono", EndedByPatron = true, FollowedUp = false, ClassifierName = "Sari Wulandari", FirstMessage = "Apakah ada arsip koran 1950-an?" });
        (await ListedAsync(budi)).Should().NotContain(id, "it is Sari's conversation");

        var questionType = (await QueueConversations.FirstQuestionTypeAsync(app)).Id;
        await Classifier.ClassifyAsync(Sari, id, questionType, 4, ["arsip"]);

        (await ListedAsync(Sari)).Should().NotContain(id);
        (await QueueConversations.ReadAsync(app, id)).Should().BeEquivalentTo(new { QuestionTypeId = (int?)questionType, ReadScale = (int?)4, Tags = "arsip" });
    }

    [Fact]
    public async Task A_missed_chat_answered_by_email_waits_for_the_librarian_who_answered_it()
    {
        var budi = await StaffAccounts.ActorAsync(app, "Budi Santoso", DeskRoles.Librarian);
        var started = await QueueConversations.StartedAsync(app, "Dewi Kartika", email: $"dewi.{Guid.NewGuid():N}@contoh.id");
        await Lifecycle.MarkMissedAsync(started.ConversationId);
        (await ListedAsync(budi)).Should().NotContain(started.ConversationId, "a missed chat nobody answered has nothing to classify");

        (await app.Service<MissedFollowUp>().SendAsync(budi, started.ConversationId, "Koleksi peta Batavia ada di lantai 9.")).Should().BeEmpty();

        (await Classifier.ListAsync(budi, ToClassifyScope.Mine, TestContext.Current.CancellationToken))
            .Should().ContainSingle(i => i.ConversationId == started.ConversationId).Which.FollowedUp.Should().BeTrue();
        (await ListedAsync(Sari)).Should().NotContain(started.ConversationId);

        await Classifier.ClassifyAsync(budi, started.ConversationId, (await QueueConversations.FirstQuestionTypeAsync(app)).Id, 2);

        (await ListedAsync(budi)).Should().NotContain(started.ConversationId);
    }

    [Fact]
    public async Task Another_librarian_may_not_classify_it_but_a_supervisor_sees_everyones_and_may()
    {
        var budi = await StaffAccounts.ActorAsync(app, "Budi Santoso", DeskRoles.Librarian);
        var supervisor = await StaffAccounts.ActorAsync(app, "Hendra Gunawan", DeskRoles.Supervisor);
        var id = await EndedByPatronAsync();
        var questionType = (await QueueConversations.FirstQuestionTypeAsync(app)).Id;

        var byBudi = () => Classifier.ClassifyAsync(budi, id, questionType, 3);
        (await byBudi.Should().ThrowAsync<ConversationRuleException>()).Which.Code.Should().Be(ConversationClassifier.NotYours);
        (await QueueConversations.ReadAsync(app, id)).ReadScale.Should().BeNull();

        var everyone = await Classifier.ListAsync(supervisor, ToClassifyScope.Everyone, TestContext.Current.CancellationToken);
        everyone.Should().ContainSingle(i => i.ConversationId == id).Which.ClassifierName.Should().Be("Sari Wulandari");
        await Classifier.ClassifyAsync(supervisor, id, questionType, 3);

        (await ListedAsync(supervisor, ToClassifyScope.Everyone)).Should().NotContain(id);
        var onlyMine = () => Classifier.ListAsync(budi, ToClassifyScope.Everyone);
        await onlyMine.Should().ThrowAsync<StaffRoleRequiredException>("only a supervisor sees everyone's list");
    }

    [Theory]
    [InlineData(null, 3, Classification.QuestionTypeRequired)]
    [InlineData(true, null, Classification.ReadScaleRequired)]
    [InlineData(true, 0, Classification.ReadScaleOutOfRange)]
    [InlineData(true, 7, Classification.ReadScaleOutOfRange)]
    public async Task A_classification_without_both_fields_is_refused_and_the_conversation_stays_listed(bool? withType, int? readScale, string code)
    {
        var id = await EndedByPatronAsync();
        int? questionType = withType is null ? null : (await QueueConversations.FirstQuestionTypeAsync(app)).Id;

        var classify = () => Classifier.ClassifyAsync(Sari, id, questionType, readScale);

        (await classify.Should().ThrowAsync<ConversationRuleException>()).Which.Code.Should().Be(code);
        (await ListedAsync(Sari)).Should().Contain(id);
    }

    [Fact]
    public async Task An_unknown_question_type_is_refused()
    {
        var id = await EndedByPatronAsync();

        var classify = () => Classifier.ClassifyAsync(Sari, id, 999_999, 2);

        (await classify.Should().ThrowAsync<ConversationRuleException>()).Which.Code.Should().Be(Classification.UnknownQuestionType);
        (await ListedAsync(Sari)).Should().Contain(id);
    }

    [Theory]
    [InlineData(false, 2, Classification.QuestionTypeRequired)]
    [InlineData(true, null, Classification.ReadScaleRequired)]
    public async Task The_service_refuses_a_close_without_a_question_type_or_READ_level_and_the_conversation_stays_open(bool withType, int? readScale, string code)
    {
        var id = await QueueConversations.StartAsync(app, "Wati Susanti");
        await Chat.ClaimAsync(app.LibrarianId, id);
        int? questionType = withType ? (await QueueConversations.FirstQuestionTypeAsync(app)).Id : null;

        var close = () => Chat.CloseByLibrarianAsync(app.LibrarianId, id, questionType, readScale);

        (await close.Should().ThrowAsync<ConversationRuleException>()).Which.Code.Should().Be(code);
        (await QueueConversations.ReadAsync(app, id)).Status.Should().Be(ConversationStatus.Active);
    }

    [Fact]
    public async Task A_conversation_closed_with_its_classification_is_never_listed()
    {
        var id = await QueueConversations.StartAsync(app, "Agus Salim");
        await Chat.ClaimAsync(app.LibrarianId, id);
        await Chat.ReplyAsync(app.LibrarianId, id, "Baik.");

        await Chat.CloseByLibrarianAsync(app.LibrarianId, id, (await QueueConversations.FirstQuestionTypeAsync(app)).Id, 2);

        (await ListedAsync(Sari)).Should().NotContain(id);
    }
}
