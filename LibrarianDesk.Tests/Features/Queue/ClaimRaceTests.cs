using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Queue;

public sealed class ClaimRaceTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private const int Librarians = 20;
    private const int Rounds = 200;

    [Fact]
    public async Task Twenty_librarians_taking_one_waiting_conversation_at_once_leave_exactly_one_owner_and_nineteen_clear_refusals_every_time()
    {
        var chat = app.Service<LibrarianChat>();
        var librarians = new List<(string Id, string Name)>();
        for (var i = 1; i <= Librarians; i++)
        {
            var name = $"Pustakawan {i:00}";
            var account = await StaffAccounts.CreateAsync(app, $"race{i:00}@test.local", [DeskRoles.Librarian], name);
            librarians.Add((account.Id, name));
        }

        for (var round = 1; round <= Rounds; round++)
        {
            var conversationId = await Conversations.StartAsync(app, $"Pemustaka {round}");
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = librarians.Select(l => Task.Run(async () =>
            {
                await go.Task;
                try
                {
                    await chat.ClaimAsync(l.Id, conversationId);
                    return (l.Id, Refusal: (ConversationTakenException?)null);
                }
                catch (ConversationTakenException taken)
                {
                    return (l.Id, Refusal: taken);
                }
            })).ToList();
            go.SetResult();
            var outcomes = await Task.WhenAll(attempts);

            var winners = outcomes.Where(o => o.Refusal is null).Select(o => o.Id).ToList();
            winners.Should().ContainSingle($"round {round} must have exactly one owner");
            var owner = librarians.Single(l => l.Id == winners[0]);
            outcomes.Where(o => o.Refusal is not null).Should().HaveCount(Librarians - 1)
                .And.OnlyContain(o => o.Refusal!.OwnerName == owner.Name && o.Refusal.Status == ConversationStatus.Active,
                    "each refusal names the librarian who has it");

            var stored = await Conversations.ReadAsync(app, conversationId);
            stored.Status.Should().Be(ConversationStatus.Active);
            stored.OwnerId.Should().Be(owner.Id);
        }
    }
}
