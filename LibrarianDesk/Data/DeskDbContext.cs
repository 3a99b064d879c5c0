using LibrarianDesk.Features.Accounts;
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

namespace LibrarianDesk.Data;

public sealed class DeskDbContext(DbContextOptions<DeskDbContext> options) : IdentityDbContext<Librarian>(options)
{
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ChatMessage> ChatMessages => Set<ChatMessage>();
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
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<GreetingTrigger> GreetingTriggers => Set<GreetingTrigger>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DeskDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset columns; stored as UTC milliseconds they sort,
        // compare and subtract in plain SQL (analytics relies on that).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcMillisecondsConverter>();
    }
}
