using System.Globalization;
using LibrarianDesk.Bench.Reporting;
using LibrarianDesk.Shared.Conversations;
using Npgsql;

namespace LibrarianDesk.Bench.Measuring;

/// <summary>
/// What a chat run on several servers left in the database it shared, held against what the patrons saw: every
/// acknowledged message stored once and answered once, every answer delivered once, and every conversation answered by
/// one librarian, its owner, whichever server each step ran on.
/// </summary>
public sealed class ChatLedger
{
    private readonly Dictionary<long, int> patronLines = [];
    private readonly Dictionary<long, int> replyLines = [];
    private readonly Dictionary<Guid, HashSet<string?>> repliersByConversation = [];
    private readonly Dictionary<Guid, string?> owners = [];

    private ChatLedger()
    {
    }

    public static async Task<ChatLedger> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        var ledger = new ChatLedger();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var lines = new NpgsqlCommand("""SELECT "ConversationId", "Author", "AuthorId", "Text" FROM "ChatMessages" WHERE "Author" IN (0, 1)""", connection))
        await using (var reader = await lines.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ledger.Line(reader.GetGuid(0), (MessageAuthor)reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3));
            }
        }

        await using (var conversations = new NpgsqlCommand("""SELECT "Id", "OwnerId" FROM "Conversations" """, connection))
        await using (var reader = await conversations.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ledger.owners[reader.GetGuid(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
            }
        }

        return ledger;
    }

    private void Line(Guid conversationId, MessageAuthor author, string? authorId, string text)
    {
        if (author == MessageAuthor.Patron && RoundTrips.PatronMessageNumber(text) is { } asked)
        {
            patronLines[asked] = patronLines.GetValueOrDefault(asked) + 1;
        }
        else if (author == MessageAuthor.Librarian && RoundTrips.ReplyNumber(text) is { } answered)
        {
            replyLines[answered] = replyLines.GetValueOrDefault(answered) + 1;
            if (!repliersByConversation.TryGetValue(conversationId, out var repliers))
            {
                repliersByConversation[conversationId] = repliers = [];
            }

            repliers.Add(authorId);
        }
    }

    /// <summary>The three correctness results of a chat on several servers: nothing lost, nothing twice, one owner each.</summary>
    public IEnumerable<CorrectnessCheck> Checks(string scenario, string label, RoundTrips trips)
    {
        ArgumentNullException.ThrowIfNull(trips);
        var acknowledged = trips.AcknowledgedNumbers;
        var notStored = acknowledged.Count(n => !patronLines.ContainsKey(n));
        var notAnswered = acknowledged.Count(n => !replyLines.ContainsKey(n));
        var notReceived = trips.RepliesNeverReceived;
        yield return new CorrectnessCheck(scenario, $"{label}: 0 lost", notStored == 0 && notAnswered == 0 && notReceived == 0 && acknowledged.Count > 0,
            string.Create(CultureInfo.InvariantCulture,
                $"acknowledged {acknowledged.Count}; not stored {notStored}, reply not stored {notAnswered}, reply not received {notReceived}"));

        var storedTwice = patronLines.Values.Sum(n => n - 1);
        var answeredTwice = replyLines.Values.Sum(n => n - 1);
        var receivedTwice = trips.DuplicateReplies;
        yield return new CorrectnessCheck(scenario, $"{label}: 0 duplicated", storedTwice == 0 && answeredTwice == 0 && receivedTwice == 0,
            string.Create(CultureInfo.InvariantCulture,
                $"patron messages stored twice {storedTwice}, replies stored twice {answeredTwice}, replies received twice {receivedTwice}"));

        var doubleOwners = repliersByConversation.Count(c => c.Value.Count > 1 || !c.Value.Contains(owners.GetValueOrDefault(c.Key)));
        yield return new CorrectnessCheck(scenario, $"{label}: 0 double owners", doubleOwners == 0 && repliersByConversation.Count > 0,
            string.Create(CultureInfo.InvariantCulture,
                $"{repliersByConversation.Count} conversations answered, {doubleOwners} answered by more than one librarian or not by their owner"));
    }
}
