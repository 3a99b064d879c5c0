using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Attachments;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Privacy;

/// <summary>
/// A patron's requests about their own data (UU PDP): find, export, correct and erase everything the desk keeps about
/// one person, named by an email, a member number or a phone (exact, in the desk's stored form; see
/// <see cref="DataSubject"/>). The person's identifiers are the one searched plus those of the member record(s) it
/// finds, so a phone finds the chats of the member it belongs to. At most <see cref="MaxRows"/> rows of each kind per
/// request, saying when there are more (an erase is then run again). Supervisor only; each request is audited with the
/// masked value and the counts, never the value itself. The member record is the library's register: shown and
/// exported, never changed or deleted here.
/// </summary>
public sealed class DataSubjectRequests(
    IDbContextFactory<DeskDbContext> dbFactory,
    StaffCaller callers,
    AuditTrail audit,
    PrivacySettingsStore settings,
    IPatronTranscripts transcripts,
    SqliteWriteGate writes,
    TimeProvider time)
{
    public const int MaxRows = 500;

    /// <summary>The actions of look-ups of member data, whose entries name the member looked up.</summary>
    private static readonly string[] LookUps = [AuditActions.MembersSearched, AuditActions.MemberViewed, AuditActions.MemberVerified, AuditActions.MembershipMarked];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>What the desk keeps about the person, counted by kind.</summary>
    public async Task<DataSubjectFindings> FindAsync(AuditActor actor, DataSubjectKind kind, string? text, CancellationToken cancellationToken = default)
    {
        var subject = await AllowedAsync(actor, kind, text);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await Found.LoadAsync(db, subject, cancellationToken);
        var findings = found.Findings;
        await AuditAsync(db, actor, AuditActions.DataRequestFound, subject, findings.Describe(), cancellationToken);
        return findings;
    }

    /// <summary>
    /// A ZIP of everything found: one JSON file per kind and the patron's transcript of each conversation
    /// (<see cref="IPatronTranscripts"/>), named <c>conversations/yyyyMMdd-HHmm-id.txt</c> in WIB.
    /// </summary>
    public async Task<DataExport> ExportAsync(AuditActor actor, DataSubjectKind kind, string? text, CancellationToken cancellationToken = default)
    {
        var subject = await AllowedAsync(actor, kind, text);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await Found.LoadAsync(db, subject, cancellationToken);
        var conversations = await db.Conversations.AsNoTracking().Where(c => found.Conversations.Contains(c.Id)).OrderBy(c => c.StartedAt).ToListAsync(cancellationToken);
        var offline = await db.OfflineMessages.AsNoTracking().Where(m => found.OfflineMessages.Contains(m.Id)).OrderBy(m => m.ReceivedAt).ToListAsync(cancellationToken);
        var replies = (await db.OfflineMessageReplies.AsNoTracking().Where(r => found.OfflineMessages.Contains(r.OfflineMessageId)).OrderBy(r => r.SentAt).ToListAsync(cancellationToken))
            .ToLookup(r => r.OfflineMessageId);
        var mails = await db.OutboxMails.AsNoTracking().Where(m => found.OutboxMails.Contains(m.Id)).OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);
        var members = await db.Members.AsNoTracking().Where(m => found.Members.Contains(m.Id)).OrderBy(m => m.MemberNumber).ToListAsync(cancellationToken);
        var entries = await db.AuditEntries.AsNoTracking().Where(a => found.AuditEntries.Contains(a.Id)).OrderBy(a => a.At).ToListAsync(cancellationToken);

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "conversations.json", conversations.Select(c => new
            {
                c.Id, c.Status, c.StartedAt, c.ClosedAt, c.PatronName, c.PatronEmail, c.TranscriptEmail, c.ClaimedMemberNumber,
                c.Language, c.PageUrl, c.PatronIpAddress, c.Rating, c.RatingComment, c.AnonymisedAt,
            }));
            Add(archive, "offline-messages.json", offline.Select(m => new
            {
                m.Id, m.ReceivedAt, m.Name, m.Email, m.MemberNumber, m.Text, m.Status, m.RepliedAt, m.ClosedAt, m.AnonymisedAt,
                Replies = replies[m.Id].Select(r => new { r.SentAt, r.LibrarianName, r.Text }),
            }));
            Add(archive, "mails.json", mails.Select(m => new { m.Id, m.CreatedAt, m.SentAt, m.DiscardedAt, m.Kind, m.To, m.Subject, m.TextBody }));
            Add(archive, "member.json", members.Select(m => new
            {
                m.MemberNumber, m.FullName, m.Email, m.Phone, m.BirthDate, m.Type, m.Status, m.RegisteredOn, m.ExpiresOn,
            }));
            Add(archive, "member-look-ups.json", entries.Select(a => new { a.At, a.ActorName, a.Action, a.Target, a.Details }));
            foreach (var conversation in conversations)
            {
                var transcript = await transcripts.TextAsync(conversation.Id, cancellationToken);
                if (transcript is not null)
                {
                    var started = Wib.ToWib(conversation.StartedAt).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
                    Add(archive, $"conversations/{started}-{conversation.Id:N}.txt", transcript);
                }
            }

            await AddFilesAsync(db, archive, conversations, cancellationToken);
        }

        var findings = found.Findings;
        await AuditAsync(db, actor, AuditActions.DataRequestExported, subject, findings.Describe(), cancellationToken);
        var day = Wib.ToWib(time.GetUtcNow()).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return new DataExport($"data-request-{day}.zip", zip.ToArray(), findings);
    }

    /// <summary>
    /// Corrects the patron's name, and the email when one is given, on every found conversation and offline message
    /// not yet anonymised. Both are checked as the widget checks a patron's input. Returns how many rows changed.
    /// </summary>
    public async Task<DataCorrection> CorrectAsync(
        AuditActor actor, DataSubjectKind kind, string? text, string? name, string? email, CancellationToken cancellationToken = default)
    {
        var subject = await AllowedAsync(actor, kind, text);
        var (validName, validEmail) = ValidCorrection(name, email);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await Found.LoadAsync(db, subject, cancellationToken);
        var conversations = await db.Conversations.Where(c => found.Conversations.Contains(c.Id)).ToListAsync(cancellationToken);
        var offline = await db.OfflineMessages.Where(m => found.OfflineMessages.Contains(m.Id) && m.AnonymisedAt == null).ToListAsync(cancellationToken);
        var changedConversations = conversations.Count(c => c.CorrectPatron(validName, validEmail));
        foreach (var message in offline)
        {
            message.Name = validName;
            message.Email = validEmail ?? message.Email;
        }

        var correction = new DataCorrection(changedConversations, offline.Count);
        await AuditAsync(db, actor, AuditActions.DataRequestCorrected, subject, correction.Describe(validEmail is not null), cancellationToken);
        return correction;
    }

    /// <summary>
    /// Forgets the person now: every found conversation that has ended and every offline message is anonymised with
    /// the domain methods the retention job uses (texts deleted as <paramref name="deleteTexts"/> says); the mails to
    /// them lose address, subject and body, and a mail not yet sent is discarded; the look-ups of their member record
    /// keep the masked value instead of the searched one. A conversation still open is left (counted) until it ends.
    /// The member record stays: it is the library's register.
    /// </summary>
    public async Task<DataErasure> EraseAsync(AuditActor actor, DataSubjectKind kind, string? text, bool deleteTexts, CancellationToken cancellationToken = default)
    {
        var subject = await AllowedAsync(actor, kind, text);
        var now = time.GetStoredUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await Found.LoadAsync(db, subject, cancellationToken);

        // Loaded with every message: Anonymise needs them all; the conversation's LastSequence, its concurrency
        // token, fails the save if a line was added since.
        var conversations = await db.Conversations.Where(c => found.Conversations.Contains(c.Id)).Include(c => c.Messages).AsSplitQuery().ToListAsync(cancellationToken);
        var ended = conversations.Where(c => c.Status is ConversationStatus.Closed or ConversationStatus.Missed).ToList();
        var anonymised = ended.Count(c => c.Anonymise(StoredWording.Anonymous, deleteTexts, now));

        var offline = await db.OfflineMessages.Where(m => found.OfflineMessages.Contains(m.Id)).ToListAsync(cancellationToken);
        var replies = (await db.OfflineMessageReplies.Where(r => found.OfflineMessages.Contains(r.OfflineMessageId)).ToListAsync(cancellationToken)).ToLookup(r => r.OfflineMessageId);
        var anonymisedOffline = offline.Count(m => m.Anonymise(StoredWording.Anonymous, deleteTexts, now, replies[m.Id]));

        var mails = await db.OutboxMails.Where(m => found.OutboxMails.Contains(m.Id)).ToListAsync(cancellationToken);
        foreach (var mail in mails)
        {
            mail.To = "";
            mail.Subject = "";
            mail.TextBody = "";
            mail.HtmlBody = null;
            mail.LastError = null;
            mail.DiscardedAt ??= mail.SentAt is null ? now : null;
        }

        var entries = await db.AuditEntries.Where(a => found.AuditEntries.Contains(a.Id)).ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            entry.Target = found.Mask(entry.Target);
            entry.Details = found.Mask(entry.Details);
        }

        var erasure = new DataErasure(anonymised, conversations.Count - ended.Count, anonymisedOffline, mails.Count, entries.Count, found.Findings.Members.Count, found.Findings.AnyMore);
        audit.Record(db, actor, AuditActions.DataRequestErased, subject.Describe(), erasure.Describe(deleteTexts));
        await AnonymisedFiles.SaveAsync(db, writes, ended.Select(c => c.Id).ToList(), cancellationToken);
        return erasure;
    }

    /// <summary>Whether texts are deleted when an erase does not say: the retention setting.</summary>
    public async Task<bool> DeletesTextsByDefaultAsync(CancellationToken cancellationToken = default) =>
        (await settings.GetAsync(cancellationToken)).DeleteMessageTexts;

    /// <summary>Refuses (<see cref="StaffRoleRequiredException"/>) anyone but a supervisor, before any input is read.</summary>
    public Task RequireAllowedAsync(AuditActor actor) => callers.RequireAsync(actor, DeskRoles.Supervisor);

    private async Task<DataSubject> AllowedAsync(AuditActor actor, DataSubjectKind kind, string? text)
    {
        await RequireAllowedAsync(actor);
        var (subject, problem) = DataSubject.Parse(kind, text);
        return subject ?? throw new DataRequestRefusedException(problem!);
    }

    private static (string Name, string? Email) ValidCorrection(string? name, string? email)
    {
        var trimmedName = name?.Trim() ?? "";
        if (trimmedName.Length is 0 or > Conversation.MaxPatronNameLength)
        {
            throw new DataRequestRefusedException(DataRequestErrors.Name);
        }

        if (string.IsNullOrWhiteSpace(email))
        {
            return (trimmedName, null);
        }

        return EmailAddresses.IsValid(email) ? (trimmedName, email.Trim()) : throw new DataRequestRefusedException(DataRequestErrors.Email);
    }

    private async Task AuditAsync(DeskDbContext db, AuditActor actor, string action, DataSubject subject, string details, CancellationToken cancellationToken)
    {
        audit.Record(db, actor, action, subject.Describe(), details);
        using (await writes.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The files sent in the person's conversations (both sides: what the patron sent and what they were sent), under
    /// <c>files/</c>, each named after its conversation and place in it so that two files of one name stay apart; the
    /// transcripts name them. Read one at a time, so the export holds one file's bytes besides the ZIP.
    /// </summary>
    private static async Task AddFilesAsync(DeskDbContext db, ZipArchive archive, List<Conversation> conversations, CancellationToken cancellationToken)
    {
        var ids = conversations.Select(c => c.Id).ToList();
        var started = conversations.ToDictionary(c => c.Id, c => Wib.ToWib(c.StartedAt).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture));
        var files = await db.ChatMessages.AsNoTracking()
            .Where(m => ids.Contains(m.ConversationId) && m.Attachment != null && !m.Attachment.Removed)
            .OrderBy(m => m.ConversationId).ThenBy(m => m.Sequence)
            .Select(m => new { m.ConversationId, m.Sequence, m.Attachment!.Id, m.Attachment.FileName })
            .ToListAsync(cancellationToken);
        foreach (var file in files)
        {
            var bytes = await db.AttachmentContents.AsNoTracking().Where(c => c.AttachmentId == file.Id).Select(c => c.Bytes).SingleOrDefaultAsync(cancellationToken);
            if (bytes is not null)
            {
                var name = AttachmentFile.SafeName(file.FileName);
                await using var stream = await archive.CreateEntry($"files/{started[file.ConversationId]}-{file.ConversationId:N}-{file.Sequence}-{name}").OpenAsync(cancellationToken);
                await stream.WriteAsync(bytes, cancellationToken);
            }
        }
    }

    private static void Add(ZipArchive archive, string name, object rows) =>
        Add(archive, name, JsonSerializer.Serialize(rows, Json));

    private static void Add(ZipArchive archive, string name, string text)
    {
        using var stream = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The ids of what the desk keeps about one person, at most <see cref="MaxRows"/> + 1 of each kind (the one more says there are more).</summary>
    private sealed record Found(
        DataSubject Subject, IReadOnlyList<string> Values,
        List<int> Members, List<Guid> Conversations, List<Guid> OfflineMessages, List<Guid> OutboxMails, List<long> AuditEntries, DataSubjectFindings Findings)
    {
        public static async Task<Found> LoadAsync(DeskDbContext db, DataSubject subject, CancellationToken cancellationToken)
        {
            var value = subject.Value;
            var members = await (subject.Kind switch
                {
                    DataSubjectKind.Email => db.Members.Where(m => m.Email == value),
                    DataSubjectKind.MemberNumber => db.Members.Where(m => m.MemberNumber == value),
                    _ => db.Members.Where(m => m.Phone == value),
                })
                .OrderBy(m => m.Id).Take(MaxRows + 1)
                .Select(m => new { m.Id, m.MemberNumber, m.Email, m.Phone })
                .ToListAsync(cancellationToken);
            var emails = members.Select(m => m.Email?.ToLowerInvariant()).Append(subject.Kind == DataSubjectKind.Email ? value : null).OfType<string>().Distinct().ToList();
            var numbers = members.Select(m => m.MemberNumber).Append(subject.Kind == DataSubjectKind.MemberNumber ? value : null).OfType<string>().Distinct().ToList();
            var phones = members.Select(m => m.Phone).Append(subject.Kind == DataSubjectKind.Phone ? value : null).OfType<string>().Distinct().ToList();

            // Stored as the patron typed them (trimmed): compared in the register's form. ToLower and ToUpper here
            // become SQL lower() and upper(), never .NET's culture-dependent ones, hence the analyzers are quiet.
#pragma warning disable CA1304, CA1311, CA1862
            var conversations = await db.Conversations
                .Where(c => (c.PatronEmail != null && emails.Contains(c.PatronEmail.ToLower()))
                    || (c.TranscriptEmail != null && emails.Contains(c.TranscriptEmail.ToLower()))
                    || (c.ClaimedMemberNumber != null && numbers.Contains(c.ClaimedMemberNumber.ToUpper())))
                .OrderBy(c => c.StartedAt).Take(MaxRows + 1).Select(c => c.Id).ToListAsync(cancellationToken);
            var offline = await db.OfflineMessages
                .Where(m => emails.Contains(m.Email.ToLower()) || (m.MemberNumber != null && numbers.Contains(m.MemberNumber.ToUpper())))
                .OrderBy(m => m.ReceivedAt).Take(MaxRows + 1).Select(m => m.Id).ToListAsync(cancellationToken);
            var related = conversations.Concat(offline).Select(id => (Guid?)id).ToList();
            var mails = await db.OutboxMails
                .Where(m => emails.Contains(m.To.ToLower()) || related.Contains(m.RelatedId))
                .OrderBy(m => m.CreatedAt).Take(MaxRows + 1).Select(m => m.Id).ToListAsync(cancellationToken);

            // A look-up names its member in the target (a member number, or the conversation it was made for) or in
            // the search it records ("email=…; results=1"), in the case it was typed.
            var values = emails.Concat(numbers).Concat(phones).ToList();
            var targets = numbers.Concat(conversations.Select(id => id.ToString())).ToList();
            var entries = await db.AuditEntries.Where(a => LookUps.Contains(a.Action) && a.Target != null && targets.Contains(a.Target))
                .OrderBy(a => a.Id).Take(MaxRows + 1).Select(a => a.Id).ToListAsync(cancellationToken);
            foreach (var searched in values.Select(v => v.ToLowerInvariant()))
            {
                entries.AddRange(await db.AuditEntries.Where(a => LookUps.Contains(a.Action) && a.Details != null && a.Details.ToLower().Contains(searched))
                    .OrderBy(a => a.Id).Take(MaxRows + 1).Select(a => a.Id).ToListAsync(cancellationToken));
            }

#pragma warning restore CA1304, CA1311, CA1862
            entries = entries.Distinct().Order().ToList();
            var findings = new DataSubjectFindings(
                subject.Masked, Count(conversations), Count(offline), Count(mails), Count(members), Count(entries));
            return new Found(
                subject, values, members.Select(m => m.Id).Take(MaxRows).ToList(), conversations.Take(MaxRows).ToList(), offline.Take(MaxRows).ToList(),
                mails.Take(MaxRows).ToList(), entries.Take(MaxRows).ToList(), findings);
        }

        /// <summary>The text with every identifier of the person (in any case) replaced by the masked value.</summary>
        public string? Mask(string? text) =>
            text is null ? null
                : Values.Aggregate(text, (masked, value) => masked.Replace(value, Subject.Masked, StringComparison.OrdinalIgnoreCase));

        private static FoundCount Count<T>(List<T> ids) => new(Math.Min(ids.Count, MaxRows), ids.Count > MaxRows);
    }
}

/// <summary>How many rows of one kind were found; <paramref name="More"/> when the cap kept some out.</summary>
public sealed record FoundCount(int Count, bool More);

/// <summary>What a data-subject request found, by kind, for the masked value searched.</summary>
public sealed record DataSubjectFindings(
    string Masked, FoundCount Conversations, FoundCount OfflineMessages, FoundCount OutboxMails, FoundCount Members, FoundCount MemberLookUps)
{
    public bool AnyMore => Conversations.More || OfflineMessages.More || OutboxMails.More || Members.More || MemberLookUps.More;

    public bool Empty => Conversations.Count + OfflineMessages.Count + OutboxMails.Count + Members.Count + MemberLookUps.Count == 0;

    /// <summary>The counts as the audit log records them.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"conversations {Conversations.Count}, offline messages {OfflineMessages.Count}, mails {OutboxMails.Count}, members {Members.Count}, member look-ups {MemberLookUps.Count}{(AnyMore ? ", more than " + DataSubjectRequests.MaxRows + " of a kind" : "")}");
}

/// <summary>The ZIP of a data export.</summary>
public sealed record DataExport(string FileName, byte[] Content, DataSubjectFindings Findings);

/// <summary>What a correction changed.</summary>
public sealed record DataCorrection(int Conversations, int OfflineMessages)
{
    public string Describe(bool email) => string.Create(CultureInfo.InvariantCulture,
        $"name{(email ? " and email" : "")} corrected on conversations {Conversations}, offline messages {OfflineMessages}");
}

/// <summary>What an erase changed; <paramref name="OpenConversations"/> were left because they have not ended.</summary>
public sealed record DataErasure(int Conversations, int OpenConversations, int OfflineMessages, int Mails, int MemberLookUps, int MembersKept, bool More)
{
    public string Describe(bool deleteTexts) => string.Create(CultureInfo.InvariantCulture,
        $"anonymised conversations {Conversations} (still open {OpenConversations}), offline messages {OfflineMessages}, mails {Mails}, member look-ups masked {MemberLookUps}, texts {(deleteTexts ? "deleted" : "kept")}, member records kept {MembersKept}{(More ? ", more remain" : "")}");
}
