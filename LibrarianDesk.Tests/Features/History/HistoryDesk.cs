using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.History;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.History;

/// <summary>An open desk with a second librarian and a supervisor, and helpers to write past conversations.</summary>
public sealed class HistoryDesk : OpenDeskApp
{
    public string ColleagueId { get; private set; } = "";
    public string SupervisorId { get; private set; } = "";

    public HistoryReader Librarian => new(LibrarianId);
    public HistoryReader Colleague => new(ColleagueId);
    public HistoryReader Supervisor => new(SupervisorId);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        ColleagueId = (await StaffAccounts.CreateAsync(this, "budi@test.local", [DeskRoles.Librarian], "Budi Santoso")).Id;
        SupervisorId = (await StaffAccounts.CreateAsync(this, "hendra@test.local", [DeskRoles.Librarian, DeskRoles.Supervisor], "Hendra Gunawan")).Id;
    }

    /// <summary>A conversation the patron started with <paramref name="question"/>, answered by Sari (with a note, if given) and closed.</summary>
    public async Task<Guid> AnsweredAsync(string question, string answer, string? memberNumber = null, int readScale = 2, string? note = null)
    {
        var id = await Queue.Conversations.StartAsync(this, "Siti Rahma", memberNumber, question);
        var chat = Service<LibrarianChat>();
        await chat.ReplyAsync(LibrarianId, id, answer);
        if (note is not null)
        {
            await chat.AddNoteAsync(LibrarianId, id, note);
        }

        var type = await Queue.Conversations.FirstQuestionTypeAsync(this);
        await chat.CloseByLibrarianAsync(LibrarianId, id, type.Id, readScale, ["naskah"]);
        return id;
    }

    public Task<HistoryResults> SearchAsync(HistoryFilter filter, HistoryReader? reader = null) =>
        Service<HistorySearch>().SearchAsync(filter, reader ?? Librarian, 0, 50, TestContext.Current.CancellationToken);

    /// <summary>A word no other test writes, so tests sharing the database do not see each other's conversations.</summary>
    public static string UniqueWord(string stem) => stem + Guid.NewGuid().ToString("N")[..8].Replace('0', 'q');
}
