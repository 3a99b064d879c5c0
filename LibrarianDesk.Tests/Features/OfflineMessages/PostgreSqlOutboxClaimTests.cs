using LibrarianDesk.Features.Mail;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Tests.Features.OfflineMessages;

/// <summary>Two desks on one PostgreSQL database sending one outbox to a real SMTP server: each mail goes out once.</summary>
public sealed class PostgreSqlOutboxClaimTests(ClockedPostgreSqlDeskApp app) : IClassFixture<ClockedPostgreSqlDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<List<Guid>> QueueAsync(string batch, int count)
    {
        await using var db = app.CreateDbContext();
        var mails = Enumerable.Range(1, count)
            .Select(n => app.Service<Outbox>().Enqueue(db, $"pemustaka{n}@contoh.id", $"{batch} {n}", "Isi surat.", null, OutboxMailKinds.OfflineReply))
            .ToList();
        await db.SaveChangesAsync(Cancel);
        return mails.Select(m => m.Id).ToList();
    }

    private List<string> ReceivedSubjects(string batch) =>
        app.Smtp.Received.Select(m => m.Subject ?? "").Where(s => s.StartsWith(batch + " ", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Both_servers_sending_the_due_mail_at_once_and_again_deliver_each_mail_exactly_once()
    {
        await PostgreSqlDeskApp.RequireAsync();
        await using var second = await app.SecondServerAsync();
        const int Mails = 30;
        var batch = $"Balasan-{Guid.NewGuid():N}";
        var ids = await QueueAsync(batch, Mails);

        using var go = new ManualResetEventSlim();
        var sends = new[] { (DeskApp)app, second }.SelectMany(server => Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            go.Wait(Cancel);
            return await server.Service<OutboxSender>().SendDueAsync(Cancel);
        }, Cancel))).ToList();
        go.Set();
        var sent = await Task.WhenAll(sends);

        sent.Sum().Should().Be(Mails, "every mail is counted by the one server that sent it");
        await Eventually.TrueAsync(() => ReceivedSubjects(batch).Count >= Mails, "the SMTP server has received every mail");
        ReceivedSubjects(batch).Should().OnlyHaveUniqueItems().And.HaveCount(Mails);
        await using var db = app.CreateDbContext();
        var stored = await db.OutboxMails.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(Cancel);
        stored.Should().HaveCount(Mails).And.OnlyContain(m => m.SentAt != null && m.Attempts == 1 && m.ClaimedBy == null && m.ClaimedUntil == null);
    }

    [Fact]
    public async Task A_mail_claimed_by_a_server_that_died_mid_send_is_sent_by_another_once_the_claim_has_lapsed()
    {
        await PostgreSqlDeskApp.RequireAsync();
        await using var second = await app.SecondServerAsync();
        var batch = $"Terputus-{Guid.NewGuid():N}";
        var id = (await QueueAsync(batch, 1)).Single();
        var claimedAt = app.Clock.GetUtcNow();
        var claimLength = OutboxSender.ClaimLength(app.Service<IOptionsMonitor<MailOptions>>().CurrentValue);
        await using (var db = app.CreateDbContext())
        {
            // Where a server that crashed after claiming the mail left it.
            await db.OutboxMails.Where(m => m.Id == id).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.ClaimedBy, "crashed-server").SetProperty(m => m.ClaimedUntil, claimedAt + claimLength), Cancel);
        }

        app.Clock.Set(claimedAt + claimLength - TimeSpan.FromSeconds(1));
        (await app.Service<OutboxSender>().SendDueAsync(Cancel)).Should().Be(0, "the claim still keeps other servers off");
        (await second.Service<OutboxSender>().SendDueAsync(Cancel)).Should().Be(0);
        ReceivedSubjects(batch).Should().BeEmpty();

        app.Clock.Set(claimedAt + claimLength);
        (await second.Service<OutboxSender>().SendDueAsync(Cancel)).Should().Be(1, "the claim has lapsed");
        await Eventually.TrueAsync(() => ReceivedSubjects(batch).Count == 1, "the mail has arrived");
        await using var after = app.CreateDbContext();
        (await after.OutboxMails.AsNoTracking().SingleAsync(m => m.Id == id, Cancel))
            .Should().BeEquivalentTo(new { Attempts = 1, ClaimedBy = (string?)null, ClaimedUntil = (DateTimeOffset?)null });
    }
}
