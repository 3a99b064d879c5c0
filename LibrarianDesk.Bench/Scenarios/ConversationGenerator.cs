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
/// Online presence period per librarian and day. The same rows on both engines (a seeded random);
/// written fast, as the generator is not what is being measured: on SQLite by prepared statements in
/// large transactions, the full-text index dropped first (its triggers would index every insert; the
/// caller rebuilds it once with <see cref="MessageSearchIndex.EnsureAsync"/>); on PostgreSQL by binary
/// COPY (<see cref="WritePostgreSqlAsync"/>).
/// </summary>
public static partial class ConversationGenerator
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

    /// <summary>Conversations written per transaction.</summary>
    private const int Batch = 20_000;

    public static async Task GenerateAsync(DeskHost desk, int conversations, int messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var librarians = await desk.CreateLibrariansAsync("data", 12);
        List<int> questionTypes;
        await using (var db = desk.CreateDbContext())
        {
            questionTypes = await db.QuestionTypes.Select(q => q.Id).ToListAsync(cancellationToken);
        }

        var now = DateTimeOffset.UtcNow;
        var rows = Conversations(conversations, Math.Max(1, messages / conversations), librarians, questionTypes, now);
        var presence = OnlinePeriods(librarians, now);
        await (desk.Provider == DatabaseProvider.PostgreSql
            ? WritePostgreSqlAsync(desk.PostgreSqlConnectionString, rows, presence, cancellationToken)
            : WriteSqliteAsync(desk.DatabasePath, rows, presence, cancellationToken));
    }

    private static IEnumerable<GeneratedConversation> Conversations(
        int conversations, int perConversation, IReadOnlyList<string> librarians, List<int> questionTypes, DateTimeOffset now)
    {
        var random = new Random(2026);
        for (var i = 0; i < conversations; i++)
        {
            var start = now.AddDays(-random.NextDouble() * 400).ToUnixTimeMilliseconds();
            var missed = random.Next(100) < 8;
            var wait = random.Next(5_000, 300_000);
            var firstResponseAt = start + wait + random.Next(2_000, 60_000);
            var closedAt = missed ? start + 180_000 : firstResponseAt + random.Next(60_000, 1_800_000);
            var librarian = librarians[random.Next(librarians.Count)];
            var member = random.Next(2) == 0 ? null : $"PN{random.Next(100_000, 999_999)}";
            var type = questionTypes[random.Next(questionTypes.Count)];
            int? read = missed ? null : random.Next(1, 7);
            int? rating = missed || random.Next(3) == 0 ? null : random.Next(1, 6);
            var membership = random.Next(4);

            // Out of service hours only part of an interval counts: a cheap stand-in for MetricClock.
            var serviceShare = random.Next(4) == 0 ? 0.25 : 1.0;
            var messages = new GeneratedMessage[perConversation];
            for (var s = 1; s <= perConversation; s++)
            {
                var fromPatron = missed || s % 2 == 1;
                var text = random.Next(100) == 0 ? RareQuestion
                    : fromPatron ? Questions[random.Next(Questions.Length)] : Answers[random.Next(Answers.Length)];
                var sentAt = missed ? start + ((s - 1) * 10_000L)
                    : s == 1 ? start : s == 2 ? firstResponseAt : firstResponseAt + (s * 20_000L);
                messages[s - 1] = new GeneratedMessage(s, fromPatron ? MessageAuthor.Patron : MessageAuthor.Librarian, fromPatron ? null : librarian, text, sentAt);
            }

            yield return new GeneratedConversation(
                Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(start)),
                missed ? ConversationStatus.Missed : ConversationStatus.Closed,
                $"Pemustaka {i}",
                $"pemustaka{i % 40_000}@contoh.id",
                member,
                type,
                start,
                missed ? null : start + wait,
                missed ? null : firstResponseAt,
                closedAt,
                missed ? null : librarian,
                read,
                rating,
                membership,
                perConversation,
                Seconds.Of(missed ? null : wait, serviceShare),
                Seconds.Of(missed ? null : firstResponseAt - start, serviceShare),
                Seconds.Of(missed ? null : closedAt - (start + wait), serviceShare),
                messages);
        }
    }

    /// <summary>Each librarian Online from 08:00 to 16:00 WIB (01:00–09:00 UTC) on every day of the 400.</summary>
    private static List<GeneratedPresence> OnlinePeriods(IReadOnlyList<string> librarians, DateTimeOffset now)
    {
        var periods = new List<GeneratedPresence>();
        var firstDay = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-400);
        for (var day = 0; day < 400; day++)
        {
            var opens = firstDay.AddDays(day).AddHours(1).ToUnixTimeMilliseconds();
            periods.AddRange(librarians.Select(id => new GeneratedPresence(id, opens, opens + (8 * 3_600_000L))));
        }

        return periods;
    }

    private static async Task WriteSqliteAsync(
        string databasePath, IEnumerable<GeneratedConversation> rows, List<GeneratedPresence> presence, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await DropSearchIndexAsync(connection, cancellationToken);
        await AddPresenceAsync(connection, presence, cancellationToken);
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

        token.Value = ""; // a past conversation: no patron holds a key to it (as in the demo data)
        foreach (var batch in rows.Chunk(Batch))
        {
            await using var transaction = connection.BeginTransaction();
            conversation.Transaction = transaction;
            message.Transaction = transaction;
            foreach (var c in batch)
            {
                var key = c.Id.ToString().ToUpperInvariant();
                id.Value = key;
                status.Value = (int)c.Status;
                name.Value = c.PatronName;
                email.Value = c.PatronEmail;
                member.Value = OrNull(c.MemberNumber);
                type.Value = c.QuestionTypeId;
                started.Value = c.StartedAt;
                closed.Value = c.ClosedAt;
                read.Value = OrNull(c.ReadScale);
                rating.Value = OrNull(c.Rating);
                membership.Value = c.Membership;
                last.Value = c.LastSequence;
                claimed.Value = OrNull(c.ClaimedAt);
                firstResponse.Value = OrNull(c.FirstResponseAt);
                owner.Value = OrNull(c.OwnerId);
                (waitSeconds.Value, waitService.Value) = (OrNull(c.Wait.WallClock), OrNull(c.Wait.ServiceHours));
                (firstSeconds.Value, firstService.Value) = (OrNull(c.FirstResponse.WallClock), OrNull(c.FirstResponse.ServiceHours));
                (durationSeconds.Value, durationService.Value) = (OrNull(c.Duration.WallClock), OrNull(c.Duration.ServiceHours));
                await conversation.ExecuteNonQueryAsync(cancellationToken);

                messageConversation.Value = key;
                foreach (var line in c.Messages)
                {
                    sequence.Value = line.Sequence;
                    author.Value = (int)line.Author;
                    authorId.Value = OrNull(line.AuthorId);
                    text.Value = line.Text;
                    sentAt.Value = line.SentAt;
                    await message.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static object OrNull<T>(T? value) => (object?)value ?? DBNull.Value;

    /// <summary>The index and its triggers as <see cref="MessageSearchIndex"/> creates them at start-up.</summary>
    private static async Task DropSearchIndexAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var drop = connection.CreateCommand();
        drop.CommandText = MessageSearchIndex.DropSql;
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task AddPresenceAsync(SqliteConnection connection, List<GeneratedPresence> periods, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO PresencePeriods (LibrarianId, Presence, StartedAt, EndedAt) VALUES ($librarian, $presence, $start, $end)";
        var (librarian, presence, start, end) = (insert.Parameters.Add("$librarian", SqliteType.Text), insert.Parameters.Add("$presence", SqliteType.Integer),
            insert.Parameters.Add("$start", SqliteType.Integer), insert.Parameters.Add("$end", SqliteType.Integer));
        presence.Value = (int)Presence.Online;
        foreach (var period in periods)
        {
            librarian.Value = period.LibrarianId;
            start.Value = period.StartedAt;
            end.Value = period.EndedAt;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>One generated past conversation (metric columns as docs/metrics.md defines them) with its messages.</summary>
public sealed record GeneratedConversation(
    Guid Id, ConversationStatus Status, string PatronName, string PatronEmail, string? MemberNumber, int QuestionTypeId,
    long StartedAt, long? ClaimedAt, long? FirstResponseAt, long ClosedAt, string? OwnerId, int? ReadScale, int? Rating, int Membership,
    int LastSequence, Seconds Wait, Seconds FirstResponse, Seconds Duration, IReadOnlyList<GeneratedMessage> Messages);

public sealed record GeneratedMessage(int Sequence, MessageAuthor Author, string? AuthorId, string Text, long SentAt);

/// <summary>A librarian's Online period, UTC milliseconds.</summary>
public sealed record GeneratedPresence(string LibrarianId, long StartedAt, long EndedAt);

/// <summary>An interval's seconds on the wall clock and within service hours (null when it did not happen).</summary>
public readonly record struct Seconds(double? WallClock, double? ServiceHours)
{
    public static Seconds Of(long? milliseconds, double serviceShare) =>
        milliseconds is { } ms ? new Seconds(ms / 1000.0, Math.Round(ms * serviceShare) / 1000.0) : default;
}
