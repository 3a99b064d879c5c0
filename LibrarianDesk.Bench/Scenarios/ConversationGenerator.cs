using LibrarianDesk.Bench.Hosting;
using LibrarianDesk.Data;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Staff;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// Fills the desk's database with conversations spread over the last 400 days (so 30- and 365-day
/// reports have data): most closed with alternating patron and librarian messages and every metric
/// analytics reads (docs/metrics.md), some missed (never claimed, patron messages only), plus an
/// Online presence period per librarian and day. Prepared statements in large transactions, and the
/// full-text index dropped first (its triggers would index every insert; the caller rebuilds it
/// once with <see cref="MessageSearchIndex.EnsureAsync"/>): the generator is not what is being measured.
/// </summary>
public static class ConversationGenerator
{
    /// <summary>The word of <see cref="RareQuestion"/>, in about 1% of the messages (transcript search).</summary>
    public const string RareWord = "lontar";

    /// <summary>A word of about one message in five (the first question and the first answer).</summary>
    public const string CommonWord = "koleksi";

    private const string RareQuestion = "Apakah naskah lontar Bali bisa dibaca di ruang baca?";

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
        await DropSearchIndexAsync(connection, cancellationToken);
        await AddPresenceAsync(connection, librarians, now, cancellationToken);
        await using var conversation = connection.CreateCommand();
        conversation.CommandText = """
            INSERT INTO Conversations (Id, Status, PatronName, PatronEmail, ClaimedMemberNumber, QuestionTypeId, Language, PatronTokenHash,
                StartedAt, ClaimedAt, FirstResponseAt, ClosedAt, OwnerId, ReadScale, Rating, Membership, EndedByPatron, LastSequence,
                WaitSeconds, WaitServiceSeconds, FirstResponseSeconds, FirstResponseServiceSeconds, DurationSeconds, DurationServiceSeconds)
            VALUES ($id, $status, $name, $email, $member, $type, 'id', $token, $started, $claimed, $firstResponse, $closed, $owner, $read, $rating, $membership, 0, $last,
                $wait, $waitService, $first, $firstService, $duration, $durationService)
            """;
        var p = conversation.Parameters;
        var (id, status, name, email, member, type, token) = (p.Add("$id", SqliteType.Text), p.Add("$status", SqliteType.Integer), p.Add("$name", SqliteType.Text),
            p.Add("$email", SqliteType.Text), p.Add("$member", SqliteType.Text), p.Add("$type", SqliteType.Integer), p.Add("$token", SqliteType.Text));
        var (started, claimed, firstResponse, closed, owner) = (p.Add("$started", SqliteType.Integer), p.Add("$claimed", SqliteType.Integer),
            p.Add("$firstResponse", SqliteType.Integer), p.Add("$closed", SqliteType.Integer), p.Add("$owner", SqliteType.Text));
        var (read, rating, membership, last) = (p.Add("$read", SqliteType.Integer), p.Add("$rating", SqliteType.Integer), p.Add("$membership", SqliteType.Integer), p.Add("$last", SqliteType.Integer));
        var (waitSeconds, waitService, firstSeconds, firstService, durationSeconds, durationService) = (p.Add("$wait", SqliteType.Real), p.Add("$waitService", SqliteType.Real),
            p.Add("$first", SqliteType.Real), p.Add("$firstService", SqliteType.Real), p.Add("$duration", SqliteType.Real), p.Add("$durationService", SqliteType.Real));

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
            var missed = random.Next(100) < 8;
            var wait = random.Next(5_000, 300_000);
            var firstResponseAt = start + wait + random.Next(2_000, 60_000);
            var closedAt = missed ? start + 180_000 : firstResponseAt + random.Next(60_000, 1_800_000);
            var librarian = librarians[random.Next(librarians.Count)];
            var key = Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(start)).ToString().ToUpperInvariant();
            id.Value = key;
            status.Value = (int)(missed ? ConversationStatus.Missed : ConversationStatus.Closed);
            name.Value = $"Pemustaka {i}";
            email.Value = $"pemustaka{i % 40_000}@contoh.id";
            member.Value = random.Next(2) == 0 ? DBNull.Value : $"PN{random.Next(100_000, 999_999)}";
            type.Value = questionTypes[random.Next(questionTypes.Count)];
            token.Value = ""; // a past conversation: no patron holds a key to it (as in the demo data)
            started.Value = start;
            closed.Value = closedAt;
            read.Value = missed ? DBNull.Value : random.Next(1, 7);
            rating.Value = missed || random.Next(3) == 0 ? DBNull.Value : random.Next(1, 6);
            membership.Value = random.Next(4);
            last.Value = perConversation;
            // Out of service hours only part of an interval counts: a cheap stand-in for MetricClock.
            var serviceShare = random.Next(4) == 0 ? 0.25 : 1.0;
            claimed.Value = missed ? DBNull.Value : start + wait;
            firstResponse.Value = missed ? DBNull.Value : firstResponseAt;
            owner.Value = missed ? DBNull.Value : librarian;
            SetSeconds(waitSeconds, waitService, missed ? null : wait, serviceShare);
            SetSeconds(firstSeconds, firstService, missed ? null : firstResponseAt - start, serviceShare);
            SetSeconds(durationSeconds, durationService, missed ? null : closedAt - (start + wait), serviceShare);
            await conversation.ExecuteNonQueryAsync(cancellationToken);

            messageConversation.Value = key;
            for (var s = 1; s <= perConversation; s++)
            {
                var fromPatron = missed || s % 2 == 1;
                sequence.Value = s;
                author.Value = (int)(fromPatron ? MessageAuthor.Patron : MessageAuthor.Librarian);
                authorId.Value = fromPatron ? DBNull.Value : librarian;
                text.Value = random.Next(100) == 0 ? RareQuestion
                    : fromPatron ? Questions[random.Next(Questions.Length)] : Answers[random.Next(Answers.Length)];
                sentAt.Value = missed ? start + ((s - 1) * 10_000L)
                    : s == 1 ? start : s == 2 ? firstResponseAt : firstResponseAt + (s * 20_000L);
                await message.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
            await transaction.DisposeAsync();
        }
    }

    private static void SetSeconds(SqliteParameter wallClock, SqliteParameter serviceHours, long? milliseconds, double serviceShare)
    {
        wallClock.Value = milliseconds is { } ms ? ms / 1000.0 : DBNull.Value;
        serviceHours.Value = milliseconds is { } m ? Math.Round(m * serviceShare) / 1000.0 : DBNull.Value;
    }

    /// <summary>The index and its triggers as <see cref="MessageSearchIndex"/> creates them at start-up.</summary>
    private static async Task DropSearchIndexAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var drop = connection.CreateCommand();
        drop.CommandText = MessageSearchIndex.DropSql;
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Each librarian Online from 08:00 to 16:00 WIB (01:00–09:00 UTC) on every day of the 400.</summary>
    private static async Task AddPresenceAsync(SqliteConnection connection, IReadOnlyList<string> librarians, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO PresencePeriods (LibrarianId, Presence, StartedAt, EndedAt) VALUES ($librarian, $presence, $start, $end)";
        var (librarian, presence, start, end) = (insert.Parameters.Add("$librarian", SqliteType.Text), insert.Parameters.Add("$presence", SqliteType.Integer),
            insert.Parameters.Add("$start", SqliteType.Integer), insert.Parameters.Add("$end", SqliteType.Integer));
        presence.Value = (int)Presence.Online;
        var firstDay = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-400);
        for (var day = 0; day < 400; day++)
        {
            var opens = firstDay.AddDays(day).AddHours(1).ToUnixTimeMilliseconds();
            foreach (var id in librarians)
            {
                librarian.Value = id;
                start.Value = opens;
                end.Value = opens + (8 * 3_600_000L);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
