using LibrarianDesk.Shared.Conversations;

namespace LibrarianDesk.Tests.Conversations;

/// <summary>Conversations in a known state, at fixed instants, for the rule tests.</summary>
internal static class Chat
{
    public const string Librarian = "librarian-1";

    public static readonly Guid Id = Guid.Parse("6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f");

    /// <summary>09:00 WIB on Monday 2 March 2026: when the patron's first message arrives.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7));

    public static DateTimeOffset At(int minutesAfterStart) => Start.AddMinutes(minutesAfterStart);

    public static Conversation Waiting() =>
        Conversation.Start(Id, "Siti Rahayu", "siti@example.id", "1234567", 3, "https://www.perpusnas.go.id/", Start);

    public static Conversation Active()
    {
        var conversation = Waiting();
        conversation.Claim(Librarian, At(1));
        return conversation;
    }

    public static Conversation Closed()
    {
        var conversation = Active();
        conversation.Close(At(10));
        return conversation;
    }

    public static Conversation Missed()
    {
        var conversation = Waiting();
        conversation.MarkMissed(At(15));
        return conversation;
    }
}
