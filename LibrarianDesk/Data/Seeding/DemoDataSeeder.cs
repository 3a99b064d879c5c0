using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Reporting;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Data.Seeding;

/// <summary>
/// A believable demo: a small team of librarians and a few months of past conversations inside the
/// service hours, so the history and analytics pages show something real. Runs once, on a desk with
/// no conversations; the same seed gives the same demo.
/// </summary>
internal sealed class DemoDataSeeder(
    DeskDbContext db,
    UserManager<Librarian> users,
    IOptions<DemoDataOptions> options,
    TimeProvider time,
    ILogger<DemoDataSeeder> logger)
{
    public const string EmailDomain = "demo.librariandesk.local";

    private static readonly (string Name, string User, string[] Roles)[] Team =
    [
        ("Sari Wulandari", "sari", [DeskRoles.Librarian]),
        ("Budi Santoso", "budi", [DeskRoles.Librarian]),
        ("Dewi Lestari", "dewi", [DeskRoles.Librarian]),
        ("Rizky Pratama", "rizky", [DeskRoles.Librarian]),
        ("Hendra Gunawan", "hendra", [DeskRoles.Librarian, DeskRoles.Supervisor]),
        ("Agus Setiawan", "agus", [DeskRoles.ItAdmin]),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await DemoMembersSeeder.SeedAsync(db, time, cancellationToken);
        if (await db.Conversations.AnyAsync(cancellationToken))
        {
            return;
        }

        var librarianIds = await EnsureTeamAsync();
        var serviceHours = new ServiceHours(
            await db.OpeningRanges.AsNoTracking().ToListAsync(cancellationToken),
            await db.Holidays.AsNoTracking().ToListAsync(cancellationToken));
        var questionTypeIds = await db.QuestionTypes.OrderBy(q => q.SortOrder).Select(q => q.Id).ToListAsync(cancellationToken);

        var clock = new MetricClock(serviceHours);
        var random = new Random(2026);
        var generator = new DemoConversationGenerator(random, librarianIds, questionTypeIds);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(Wib.ToWib(now).DateTime);
        var count = 0;

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var day = today.AddDays(-options.Value.Days); day < today; day = day.AddDays(1))
        {
            foreach (var startedAt in generator.ArrivalTimes(day, serviceHours))
            {
                var conversation = generator.Conversation(startedAt);
                conversation.RecordMetrics(clock);
                db.Conversations.Add(conversation);
                count++;
            }

            foreach (var librarianId in librarianIds)
            {
                db.PresencePeriods.AddRange(generator.Shift(librarianId, day, serviceHours));
            }
        }

        // Their own random sequence, so the conversations stay what they were before offline messages joined the demo.
        var names = await db.Users.Where(u => librarianIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var offline = new DemoConversationGenerator(new Random(2027), librarianIds, questionTypeIds);
        var offlineCount = 0;
        for (var day = today.AddDays(-options.Value.Days); day <= today; day = day.AddDays(1))
        {
            foreach (var (message, reply) in offline.OfflineMessages(day, serviceHours, now, names))
            {
                db.OfflineMessages.Add(message);
                if (reply is not null)
                {
                    db.OfflineMessageReplies.Add(reply);
                }

                offlineCount++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        logger.LogInformation("Demo data: {Librarians} librarian accounts, {Count} past conversations and {Offline} offline messages",
            librarianIds.Count, count, offlineCount);
    }

    private async Task<IReadOnlyList<string>> EnsureTeamAsync()
    {
        var ids = new List<string>();
        foreach (var (name, user, roles) in Team)
        {
            var email = $"{user}@{EmailDomain}";
            var account = await users.FindByEmailAsync(email);
            if (account is null)
            {
                account = new Librarian
                {
                    UserName = email,
                    Email = email,
                    EmailConfirmed = true,
                    DisplayName = name,
                    CreatedAt = time.GetUtcNow(),
                };
                Require(await users.CreateAsync(account, options.Value.LibrarianPassword));
                Require(await users.AddToRolesAsync(account, roles));
            }

            if (roles.Contains(DeskRoles.Librarian))
            {
                ids.Add(account.Id);
            }
        }

        return ids;
    }

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                "Could not create the demo accounts: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
