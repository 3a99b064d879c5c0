using LibrarianDesk.Data.Configurations;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Shared.Attachments;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Faq;
using LibrarianDesk.Shared.Members;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Shared.Visitors;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace LibrarianDesk.Data;

/// <summary>
/// The desk's model, the same on every engine. Each engine has its own context type deriving from this one
/// (<see cref="SqliteDeskDbContext"/>, <see cref="PostgreSqlDeskDbContext"/>), the usual EF Core pattern that
/// gives each engine its own migrations; the rest of the desk only ever names this type (docs/database.md).
/// </summary>
public abstract class DeskDbContext(DbContextOptions options) : IdentityDbContext<Librarian>(options)
{
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ChatMessage> ChatMessages => Set<ChatMessage>();
    public DbSet<ConversationReadMark> ConversationReadMarks => Set<ConversationReadMark>();
    public DbSet<QuestionType> QuestionTypes => Set<QuestionType>();
    public DbSet<OpeningRange> OpeningRanges => Set<OpeningRange>();
    public DbSet<Holiday> Holidays => Set<Holiday>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DeskSetting> DeskSettings => Set<DeskSetting>();
    public DbSet<OfflineMessage> OfflineMessages => Set<OfflineMessage>();
    public DbSet<OfflineMessageReply> OfflineMessageReplies => Set<OfflineMessageReply>();
    public DbSet<OutboxMail> OutboxMails => Set<OutboxMail>();
    public DbSet<MailTemplate> MailTemplates => Set<MailTemplate>();
    public DbSet<FaqEntry> FaqEntries => Set<FaqEntry>();
    public DbSet<CannedResponse> CannedResponses => Set<CannedResponse>();
    public DbSet<IpBlock> IpBlocks => Set<IpBlock>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<PresencePeriod> PresencePeriods => Set<PresencePeriod>();
    public DbSet<PresenceHeartbeat> PresenceHeartbeats => Set<PresenceHeartbeat>();
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<GreetingTrigger> GreetingTriggers => Set<GreetingTrigger>();
    public DbSet<WorkLease> WorkLeases => Set<WorkLease>();
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();

    private const int MaxStateSaveAttempts = 5;

    /// <summary>
    /// Saves a change of a conversation's state (closed, handed on, marked, rated…), never a new message.
    /// <see cref="Conversation.LastSequence"/> guards appends only: a message committed since the load (the
    /// patron typing on) moves it and would make EF refuse the save, though it says nothing about this
    /// change. So the save takes the stored sequence as its own, inside the write gate, where this server's
    /// messages cannot commit in between; a message another server commits in that moment is met by the
    /// token and the save goes again. On PostgreSQL, where the gate lets every writer through, the sequence is read
    /// with the conversation's row locked (<c>FOR UPDATE</c>, as the message writer locks it), so no message commits
    /// before the save. A change that appends messages is never handled here.
    /// </summary>
    public async Task SaveConversationStateAsync(SqliteWriteGate writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using (await writes.EnterAsync(cancellationToken))
                {
                    // On PostgreSQL the gate holds nobody back: the sequences are read under the rows' lock instead.
                    await using var locking = Database.IsNpgsql() ? await Database.BeginTransactionAsync(cancellationToken) : null;
                    await TakeStoredSequencesAsync(cancellationToken);
                    await SaveChangesAsync(cancellationToken);
                    if (locking is not null)
                    {
                        await locking.CommitAsync(cancellationToken);
                    }
                }

                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxStateSaveAttempts)
            {
                // Another server's message: take its sequence and save again.
            }
        }
    }

    private async Task TakeStoredSequencesAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in ChangeTracker.Entries<Conversation>().Where(e => e.State == EntityState.Modified))
        {
            var sequence = entry.Property(c => c.LastSequence);
            if (sequence.IsModified)
            {
                throw new InvalidOperationException("A conversation with new messages is saved through its append, not as a state change.");
            }

            var id = entry.Entity.Id;
            sequence.CurrentValue = Database.IsNpgsql()
                ? (await Database.SqlQuery<int>($"""SELECT "LastSequence" AS "Value" FROM "Conversations" WHERE "Id" = {id} FOR UPDATE""")
                    .ToListAsync(cancellationToken)).Single()
                : await Conversations.Where(c => c.Id == id).Select(c => c.LastSequence).SingleAsync(cancellationToken);
            sequence.OriginalValue = sequence.CurrentValue;

            // Only the token's check, not a new value: so a save that goes again is not taken for an append.
            sequence.IsModified = false;
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DeskDbContext).Assembly);

        // The one configuration with raw SQL, and the searches' text rule, are told the engine.
        var provider = Database.IsNpgsql() ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;
        ChatMessageConfiguration.Configure(builder.Entity<ChatMessage>(), provider);
        DeskText.Map(builder, provider, this.GetService<IRelationalTypeMappingSource>());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset columns; stored as UTC milliseconds they sort,
        // compare and subtract in plain SQL (analytics relies on that). PostgreSQL keeps the same
        // representation, so the desk's raw SQL and data copied between the engines mean the same.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcMillisecondsConverter>();
    }
}

/// <summary>The desk on SQLite; its migrations are in Data/Migrations/Sqlite.</summary>
public sealed class SqliteDeskDbContext(DbContextOptions<SqliteDeskDbContext> options) : DeskDbContext(options);

/// <summary>The desk on PostgreSQL; its migrations are in Data/Migrations/PostgreSql.</summary>
public sealed class PostgreSqlDeskDbContext(DbContextOptions<PostgreSqlDeskDbContext> options) : DeskDbContext(options);
