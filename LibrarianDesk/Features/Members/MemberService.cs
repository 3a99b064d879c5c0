using System.Globalization;
using System.Text;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Members;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Members;

/// <summary>
/// The member directory for librarians: search, one member's record, verification inside a
/// conversation and the CSV import/export. Every look-up and every verification is audited
/// (who, the query, the conversation) in the same unit of work.
/// </summary>
public sealed class MemberService(StaffCaller callers, IDbContextFactory<DeskDbContext> dbFactory, AuditTrail audit, DeskNotifier notifier, SqliteWriteGate writes, TimeProvider time)
{
    public const int MaxPageSize = 100;

    /// <summary>Rows per round trip of an import: large enough to be fast, small enough to show progress and keep memory flat.</summary>
    public const int ImportBatchSize = 2_000;

    private DateOnly Today => DateOnly.FromDateTime(Wib.ToWib(time.GetUtcNow()).DateTime);

    /// <summary>
    /// Members matching every criterion given, by name then number. Returns problems instead (and
    /// audits nothing) when nothing was typed, the phone holds letters or the date does not exist.
    /// </summary>
    public async Task<MemberSearchResult> SearchAsync(
        AuditActor actor, MemberSearch search, int page = 0, int pageSize = 25, Guid? conversationId = null, CancellationToken cancellationToken = default)
    {
        await callers.RequireAsync(actor, DeskRoles.Librarian);
        ArgumentNullException.ThrowIfNull(search);
        var problems = new List<string>();
        if (search.IsEmpty)
        {
            return MemberSearchResult.Problem(MemberErrors.EmptySearch);
        }

        var phone = PhoneNumbers.Normalise(search.Phone);
        if (!string.IsNullOrWhiteSpace(search.Phone) && phone is null)
        {
            problems.Add(MemberErrors.BadPhone);
        }

        DateOnly birthDate = default;
        if (!string.IsNullOrWhiteSpace(search.BirthDate) && !MemberDates.TryParse(search.BirthDate, out birthDate))
        {
            problems.Add(MemberErrors.BadDate);
        }

        if (problems.Count > 0)
        {
            return new MemberSearchResult(problems, [], 0);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Members.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search.MemberNumber))
        {
            var number = NormaliseNumber(search.MemberNumber);
            query = query.Where(m => m.MemberNumber == number);
        }

        if (!string.IsNullOrWhiteSpace(search.Name))
        {
            var pattern = LikePattern.Containing(NameKey.For(search.Name));
            query = query.Where(m => DeskText.Matches(m.SearchName, pattern));
        }

        if (phone is not null)
        {
            query = query.Where(m => m.Phone == phone);
        }

        if (!string.IsNullOrWhiteSpace(search.Email))
        {
            var email = search.Email.Trim().ToLowerInvariant();
            query = query.Where(m => m.Email == email);
        }

        if (!string.IsNullOrWhiteSpace(search.BirthDate))
        {
            query = query.Where(m => m.BirthDate == birthDate);
        }

        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var skip = Math.Max(page, 0) * pageSize;

        // The page, the count and the audit row on one connection open (EF opens one per statement otherwise).
        await db.Database.OpenConnectionAsync(cancellationToken);
        var members = await query.OrderBy(m => m.SearchName).ThenBy(m => m.MemberNumber)
            .Skip(skip).Take(pageSize).ToListAsync(cancellationToken);

        // A page that is not full ends the results, so it tells the total: most look-ups (a member number,
        // a phone) find one member and need no count.
        var total = members.Count < pageSize && (members.Count > 0 || skip == 0)
            ? skip + members.Count
            : await query.CountAsync(cancellationToken);

        audit.Record(db, actor, AuditActions.MembersSearched, conversationId?.ToString(), $"{search.Describe()}; results={total}");
        await db.SaveChangesAsync(cancellationToken);

        var today = Today;
        return new MemberSearchResult([], members.Select(m => MemberRow.From(m, today)).ToList(), total);
    }

    /// <summary>One member's full record (the detail view), audited as a look-up.</summary>
    public async Task<MemberDetail?> FindAsync(AuditActor actor, string memberNumber, CancellationToken cancellationToken = default)
    {
        await callers.RequireAsync(actor, DeskRoles.Librarian);
        var number = NormaliseNumber(memberNumber);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.MemberNumber == number, cancellationToken);
        audit.Record(db, actor, AuditActions.MemberViewed, number, member is null ? "not found" : null);
        await db.SaveChangesAsync(cancellationToken);
        return member is null ? null : new MemberDetail(member, member.StatusOn(Today));
    }

    /// <summary>
    /// Compares what the patron told the librarian with the record of the member they claim to be
    /// (by member number, or by email when no number was given). The stored phone and birth date never leave this method.
    /// </summary>
    public async Task<MembershipCheckResult> VerifyAsync(
        AuditActor actor, Guid conversationId, MembershipClaim claim, CancellationToken cancellationToken = default)
    {
        await callers.RequireAsync(actor, DeskRoles.Librarian);
        ArgumentNullException.ThrowIfNull(claim);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Member? member = null;
        if (!string.IsNullOrWhiteSpace(claim.MemberNumber))
        {
            var number = NormaliseNumber(claim.MemberNumber);
            member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.MemberNumber == number, cancellationToken);
        }
        else if (!string.IsNullOrWhiteSpace(claim.Email))
        {
            var email = claim.Email.Trim().ToLowerInvariant();
            var found = await db.Members.AsNoTracking().Where(m => m.Email == email).Take(2).ToListAsync(cancellationToken);
            member = found.Count == 1 ? found[0] : null;
        }

        var result = MembershipCheck.Check(member, claim.Name, claim.Phone, claim.BirthDate, Today);
        audit.Record(db, actor, AuditActions.MemberVerified, conversationId.ToString(), string.Create(CultureInfo.InvariantCulture,
            $"member={member?.MemberNumber ?? claim.MemberNumber?.Trim() ?? "—"}; found={result.Found}; name={result.Name}; phone={result.Phone}; birth_date={result.BirthDate}; status={result.Status}"));
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>Stores the librarian's conclusion on the conversation. False when the conversation does not exist.</summary>
    public async Task<bool> MarkAsync(AuditActor actor, Guid conversationId, MembershipMark mark, CancellationToken cancellationToken = default)
    {
        await callers.RequireAsync(actor, DeskRoles.Librarian);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null)
        {
            return false;
        }

        conversation.MarkMembership(mark);
        audit.Record(db, actor, AuditActions.MembershipMarked, conversationId.ToString(), mark.ToString());
        await db.SaveConversationStateAsync(writes, cancellationToken);
        await notifier.PublishAsync(new ConversationMembershipMarked(conversationId));
        return true;
    }

    /// <summary>The dry run: what applying this file would add and update, and what it rejects.</summary>
    public async Task<MemberImportPlan> PlanImportAsync(AuditActor actor, MemberCsvResult file, CancellationToken cancellationToken = default)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        ArgumentNullException.ThrowIfNull(file);
        return await PlanAsync(file, cancellationToken);
    }

    private async Task<MemberImportPlan> PlanAsync(MemberCsvResult file, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await ExistingNumbersAsync(db, file.Rows, cancellationToken);
        var updates = file.Rows.Count(r => existing.Contains(r.MemberNumber));
        return new MemberImportPlan(file.Rows.Count - updates, updates, file.Errors);
    }

    /// <summary>
    /// Adds and updates (by member number) every row of a file, in one transaction written in batches
    /// (each reported to <paramref name="progress"/> as the rows written so far); a file with any
    /// rejected row applies nothing and returns its plan with <see cref="MemberImportPlan.Applied"/> false.
    /// </summary>
    public async Task<MemberImportPlan> ApplyImportAsync(
        AuditActor actor, MemberCsvResult file, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        ArgumentNullException.ThrowIfNull(file);
        if (!file.IsValid)
        {
            return await PlanAsync(file, cancellationToken);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var added = 0;
        var written = 0;
        foreach (var batch in file.Rows.Chunk(ImportBatchSize))
        {
            var numbers = batch.Select(r => r.MemberNumber).ToList();
            var existing = await db.Members.Where(m => numbers.Contains(m.MemberNumber)).ToDictionaryAsync(m => m.MemberNumber, StringComparer.Ordinal, cancellationToken);
            foreach (var row in batch)
            {
                if (!existing.TryGetValue(row.MemberNumber, out var member))
                {
                    member = new Member { MemberNumber = row.MemberNumber };
                    db.Members.Add(member);
                    added++;
                }

                row.CopyTo(member);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            written += batch.Length;
            progress?.Report(written);
        }

        var updated = file.Rows.Count - added;
        audit.Record(db, actor, AuditActions.MembersImported, null, string.Create(CultureInfo.InvariantCulture, $"added={added}; updated={updated}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new MemberImportPlan(added, updated, [], Applied: true);
    }

    /// <summary>The whole directory as CSV in the import's own format.</summary>
    public async Task<string> ExportAsync(AuditActor actor, CancellationToken cancellationToken = default)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var members = await db.Members.AsNoTracking().OrderBy(m => m.MemberNumber).ToListAsync(cancellationToken);
        audit.Record(db, actor, AuditActions.MembersExported, null, members.Count.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return MemberCsv.Write(members);
    }

    private static async Task<HashSet<string>> ExistingNumbersAsync(DeskDbContext db, IReadOnlyList<MemberCsvRow> rows, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in rows.Select(r => r.MemberNumber).Chunk(ImportBatchSize))
        {
            existing.UnionWith(await db.Members.Where(m => chunk.Contains(m.MemberNumber)).Select(m => m.MemberNumber).ToListAsync(cancellationToken));
        }

        return existing;
    }

    internal static string NormaliseNumber(string? number) => (number ?? "").Trim().ToUpperInvariant();
}

/// <summary>What the librarian typed into the lookup form; empty fields are ignored, the others must all match.</summary>
public sealed record MemberSearch(string? MemberNumber = null, string? Name = null, string? Phone = null, string? Email = null, string? BirthDate = null)
{
    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(MemberNumber) && string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Phone)
        && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(BirthDate);

    /// <summary>The query for the audit log.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var (name, value) in new[] { ("number", MemberNumber), ("name", Name), ("phone", Phone), ("email", Email), ("birth_date", BirthDate) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                text.Append(text.Length == 0 ? "" : "; ").Append(name).Append('=').Append(value.Trim());
            }
        }

        return text.ToString();
    }
}

/// <summary>What the patron claims plus what they told the librarian when asked.</summary>
public sealed record MembershipClaim(string? MemberNumber, string? Name, string? Email, string? Phone, string? BirthDate);

/// <summary>A row of the results table: phone and birth date are masked here, before they reach any page.</summary>
public sealed record MemberRow(
    string MemberNumber, string FullName, string? Email, string MaskedPhone, string MaskedBirthDate,
    MemberType Type, MemberStatus Status, DateOnly ExpiresOn)
{
    public static MemberRow From(Member member, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new MemberRow(member.MemberNumber, member.FullName, member.Email, PhoneNumbers.Mask(member.Phone),
            MemberDates.MaskBirthDate(member.BirthDate), member.Type, member.StatusOn(today), member.ExpiresOn);
    }
}

public sealed record MemberDetail(Member Member, MemberStatus StatusToday);

public sealed record MemberSearchResult(IReadOnlyList<string> Problems, IReadOnlyList<MemberRow> Items, int Total)
{
    public static MemberSearchResult Problem(string code) => new([code], [], 0);
}

/// <summary>The dry-run report, and after apply the counts that were written.</summary>
public sealed record MemberImportPlan(int ToAdd, int ToUpdate, IReadOnlyList<MemberCsvError> Rejected, bool Applied = false);

public static class MemberErrors
{
    public const string EmptySearch = "Members_EmptySearch";
    public const string BadPhone = "Members_BadPhone";
    public const string BadDate = "Members_BadDate";
}
