using LibrarianDesk.Bench.Hosting;
using LibrarianDesk.Shared.Conversations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// Fills the desk's database with closed conversations spread over the last 400 days (so 30- and
/// 365-day reports have data), each with alternating patron and librarian messages. Prepared
/// statements in large transactions: the generator is not what is being measured.
/// </summary>
public static class ConversationGenerator
{
    private static readonly string[] Questions =
    [
        "Apakah ada koleksi surat kabar tahun 1950-an?", "Bagaimana cara memperpanjang kartu anggota?",
        "Saya mencari peta Batavia abad ke-18.", "Bagaimana cara mengajukan ISBN?", "Jam buka layanan hari Sabtu sampai jam berapa?",
        "Buku di iPusnas tidak bisa dibuka.", "Apakah naskah Nusantara bisa dilihat langsung?", "Saya mencari majalah Tempo edisi 1985.",
    ];

    private static readonly string[] Answers =
    [
        "Koleksi tersebut tersedia di lantai 14, silakan cek katalog online.", "Silakan datang ke loket keanggotaan dengan KTP.",
        "Saya kirimkan tautan ke katalog digital kami.", "Pengajuan ISBN dilakukan lewat laman isbn.perpusnas.go.id.",
    ];

    public static async Task GenerateAsync(DeskHost desk, int conversations, int messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var librarians = await desk.CreateLibrariansAsync("data", 12);
        List<int> questionTypes;
        await using (var db = desk.CreateDbContext())
        {
            questionTypes = await db.QuestionTypes.Select(q => q.Id).ToListAsync(cancellationToken);
        }

        var random = new Random(2026);
        var perConversation = Math.Max(1, messages / conversations);
        var now = DateTimeOffset.UtcNow;
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = desk.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var conversation = connection.CreateCommand();
        conversation.CommandText = """
            INSERT INTO Conversations (Id, Status, PatronName, PatronEmail, ClaimedMemberNumber, QuestionTypeId, Language, PatronTokenHash,
                StartedAt, ClaimedAt, FirstResponseAt, ClosedAt, OwnerId, ReadScale, Rating, Membership, EndedByPatron, LastSequence)
            VALUES ($id, $status, $name, $email, $member, $type, 'id', $token, $started, $claimed, $firstResponse, $closed, $owner, $read, $rating, $membership, 0, $last)
            """;
        var p = conversation.Parameters;
        var (id, status, name, email, member, type, token) = (p.Add("$id", SqliteType.Text), p.Add("$status", SqliteType.Integer), p.Add("$name", SqliteType.Text),
            p.Add("$email", SqliteType.Text), p.Add("$member", SqliteType.Text), p.Add("$type", SqliteType.Integer), p.Add("$token", SqliteType.Text));
        var (started, claimed, firstResponse, closed, owner) = (p.Add("$started", SqliteType.Integer), p.Add("$claimed", SqliteType.Integer),
            p.Add("$firstResponse", SqliteType.Integer), p.Add("$closed", SqliteType.Integer), p.Add("$owner", SqliteType.Text));
        var (read, rating, membership, last) = (p.Add("$read", SqliteType.Integer), p.Add("$rating", SqliteType.Integer), p.Add("$membership", SqliteType.Integer), p.Add("$last", SqliteType.Integer));

        await using var message = connection.CreateCommand();
        message.CommandText = """
            INSERT INTO ChatMessages (ConversationId, Sequence, Author, AuthorId, Text, ClientMessageId, SentAt)
            VALUES ($conversation, $sequence, $author, $authorId, $text, NULL, $sentAt)
            """;
        var m = message.Parameters;
        var (messageConversation, sequence, author, authorId, text, sentAt) = (m.Add("$conversation", SqliteType.Text), m.Add("$sequence", SqliteType.Integer),
            m.Add("$author", SqliteType.Integer), m.Add("$authorId", SqliteType.Text), m.Add("$text", SqliteType.Text), m.Add("$sentAt", SqliteType.Integer));

        SqliteTransaction? transaction = null;
        for (var i = 0; i < conversations; i++)
        {
            if (i % 20_000 == 0)
            {
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                    await transaction.DisposeAsync();
                }

                transaction = connection.BeginTransaction();
                conversation.Transaction = transaction;
                message.Transaction = transaction;
            }

            var start = now.AddDays(-random.NextDouble() * 400).ToUnixTimeMilliseconds();
            var wait = random.Next(5_000, 300_000);
            var librarian = librarians[random.Next(librarians.Count)];
            var key = Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(start)).ToString().ToUpperInvariant();
            id.Value = key;
            status.Value = (int)ConversationStatus.Closed;
            name.Value = $"Pemustaka {i}";
            email.Value = $"pemustaka{i % 40_000}@contoh.id";
            member.Value = random.Next(2) == 0 ? DBNull.Value : $"PN{random.Next(100_000, 999_999)}";
            type.Value = questionTypes[random.Next(questionTypes.Count)];
            token.Value = "generated";
            started.Value = start;
            claimed.Value = start + wait;
            firstResponse.Value = start + wait;
            closed.Value = start + wait + random.Next(60_000, 1_800_000);
            owner.Value = librarian;
            read.Value = random.Next(1, 7);
            rating.Value = random.Next(3) == 0 ? DBNull.Value : random.Next(1, 6);
            membership.Value = random.Next(4);
            last.Value = perConversation;
            await conversation.ExecuteNonQueryAsync(cancellationToken);

            messageConversation.Value = key;
            for (var s = 1; s <= perConversation; s++)
            {
                var fromPatron = s % 2 == 1;
                sequence.Value = s;
                author.Value = (int)(fromPatron ? MessageAuthor.Patron : MessageAuthor.Librarian);
                authorId.Value = fromPatron ? DBNull.Value : librarian;
                text.Value = fromPatron ? Questions[random.Next(Questions.Length)] : Answers[random.Next(Answers.Length)];
                sentAt.Value = start + (s == 1 ? 0 : wait + (s * 20_000L));
                await message.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
            await transaction.DisposeAsync();
        }
    }
}
