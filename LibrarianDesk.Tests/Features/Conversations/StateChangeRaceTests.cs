using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Members;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Conversations;

/// <summary>
/// A librarian closes, hands on or marks a conversation while its patron keeps typing: every patron
/// message moves the conversation's sequence (the token that guards appends), which must never make the
/// librarian's change fail.
/// </summary>
public sealed class StateChangeRaceTests(StateChangeRaceTests.TypingDesk app) : IClassFixture<StateChangeRaceTests.TypingDesk>
{
    /// <summary>Patrons typing without a pause: the call rate limits would be what they meet first.</summary>
    public sealed class TypingDesk : OpenDeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:ServiceHours:AlwaysOpen"] = "true",
            ["Desk:Patrons:RateLimits:PerConnectionBurst"] = "100000",
            ["Desk:Patrons:RateLimits:PerConnectionPerSecond"] = "100000",
            ["Desk:Patrons:RateLimits:PerAddressBurst"] = "100000",
            ["Desk:Patrons:RateLimits:PerAddressPerSecond"] = "100000",
        };
    }

    private const int Conversations = 8;

    private LibrarianChat Chat => app.Service<LibrarianChat>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Conversations whose patrons send messages without pause until <paramref name="change"/> is done with all of them.</summary>
    private async Task WhilePatronsTypeAsync(Func<StartConversationResponse, Task> change)
    {
        var patrons = await Task.WhenAll(Enumerable.Range(0, Conversations).Select(_ => PatronClient.ConnectAsync(app)));
        try
        {
            var started = await Task.WhenAll(patrons.Select(p => p.StartAsync()));
            foreach (var conversation in started)
            {
                await Chat.ReplyAsync(app.LibrarianId, conversation.ConversationId, "Baik, saya bantu.");
            }

            using var typing = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            var typingStarted = started.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
            var sends = patrons.Zip(started, typingStarted).Select(p => TypeAsync(p.First, p.Second, p.Third, typing.Token)).ToList();

            // The change meets patrons already typing (on a fast engine it could otherwise end every chat before a first message).
            await Task.WhenAll(typingStarted.Select(t => t.Task)).WaitAsync(TimeSpan.FromSeconds(30), Cancel);
            await Task.WhenAll(started.Select(change));
            await typing.CancelAsync();
            var sent = await Task.WhenAll(sends);
            sent.Sum().Should().BeGreaterThan(0, "the patrons were typing meanwhile");
        }
        finally
        {
            foreach (var patron in patrons)
            {
                await patron.DisposeAsync();
            }
        }
    }

    /// <summary>Messages until the conversation ends or the test says stop; how many were stored. <paramref name="typing"/> is set at the first.</summary>
    private static async Task<int> TypeAsync(PatronClient patron, StartConversationResponse started, TaskCompletionSource typing, CancellationToken stop)
    {
        var stored = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
                    new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), $"Pesan {stored}"));
                stored++;
                typing.TrySetResult();
            }
            catch (Microsoft.AspNetCore.SignalR.HubException ended) when (ended.Error().StartsWith("closed: ", StringComparison.Ordinal))
            {
                break;
            }
        }

        return stored;
    }

    private async Task<Conversation> StoredAsync(Guid conversationId)
    {
        await using var db = app.CreateDbContext();
        return await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == conversationId, Cancel);
    }

    [Fact]
    public async Task Closing_while_the_patron_types_succeeds()
    {
        var questionType = (await Queue.Conversations.FirstQuestionTypeAsync(app)).Id;
        var closed = new List<Guid>();

        await WhilePatronsTypeAsync(async started =>
        {
            await Chat.CloseByLibrarianAsync(app.LibrarianId, started.ConversationId, questionType, 3);
            lock (closed)
            {
                closed.Add(started.ConversationId);
            }
        });

        foreach (var id in closed)
        {
            (await StoredAsync(id)).Should().BeEquivalentTo(new { Status = ConversationStatus.Closed, ReadScale = 3 });
        }
    }

    [Fact]
    public async Task Handing_on_and_marking_membership_while_the_patron_types_succeed()
    {
        var colleague = (await StaffAccounts.CreateAsync(app, $"{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Budi Santoso")).Id;
        var librarian = await StaffAccounts.ActorAsync(app, "Pustakawan Penanda", DeskRoles.Librarian);
        var members = app.Service<MemberService>();

        await WhilePatronsTypeAsync(async started =>
        {
            (await members.MarkAsync(librarian, started.ConversationId, MembershipMark.VerifiedMember, Cancel)).Should().BeTrue();
            await Chat.TransferAsync(app.LibrarianId, started.ConversationId, colleague, note: null);
        });
    }
}
