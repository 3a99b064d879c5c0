using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Features.Visitors;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Privacy;
using LibrarianDesk.Tests.Hosting;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Privacy;

/// <summary>The IP address policy where addresses are written: a patron's start over the real hub, a greeting's answer, the live visitor list.</summary>
public sealed class IpAddressPolicyTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private static readonly AuditActor Supervisor = new(null, "Supervisor in a test");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task UsePolicyAsync(IpAddressPolicy policy) =>
        app.Service<PrivacySettingsStore>().SaveAsync(Supervisor, PrivacySettings.Default with { IpAddresses = policy });

    private async Task<string?> StoredAddressAsync(Guid conversationId)
    {
        await using var db = app.CreateDbContext();
        return (await db.Conversations.SingleAsync(c => c.Id == conversationId, Cancel)).PatronIpAddress;
    }

    private async Task<Guid> StartFromAsync(string address)
    {
        var questionType = (await app.Service<QuestionTypeCatalog>().ActiveAsync())[0].Id;
        return (await app.Service<PatronChat>().StartAsync(
            new StartConversationRequest("Siti Rahma", "siti@contoh.id", null, questionType, "Ada peta Batavia?", PatronClient.NewMessageId()), "id", address))
            .Response.ConversationId;
    }

    [Fact]
    public async Task Truncated_by_default_keeps_the_network_of_a_patron_over_the_hub_and_of_the_visitor_list()
    {
        await using (var db = app.CreateDbContext())
        {
            await db.DeskSettings.Where(s => s.Key.StartsWith("Privacy.")).ExecuteDeleteAsync(Cancel);
        }

        await app.Service<DeskNotifier>().PublishAsync(new PrivacySettingsChanged());
        (await app.Service<PrivacySettingsStore>().GetAsync(Cancel)).IpAddresses.Should().Be(IpAddressPolicy.Truncated);
        var visitorId = $"visitor-{Guid.NewGuid():N}";
        await using var patron = await PatronClient.ConnectAsync(app, new HelloRequest(visitorId, "https://library.test/", "Beranda", null, "id"));
        var started = await patron.StartAsync();

        (await StoredAddressAsync(started.ConversationId)).Should().Be("127.0.0.0/24");
        app.Service<VisitorDirectory>().Find(visitorId)!.IpAddress.Should().Be("127.0.0.0/24");
    }

    [Theory]
    [InlineData(IpAddressPolicy.Truncated, "198.51.100.77", "198.51.100.0/24")]
    [InlineData(IpAddressPolicy.Truncated, "::ffff:198.51.100.77", "198.51.100.0/24")]
    [InlineData(IpAddressPolicy.Truncated, "2001:db8:abcd:12:34::5", "2001:db8:abcd::/48")]
    [InlineData(IpAddressPolicy.Full, "2001:db8:abcd:12:34::5", "2001:db8:abcd:12:34::5")]
    [InlineData(IpAddressPolicy.None, "198.51.100.77", null)]
    [InlineData(IpAddressPolicy.Truncated, "not an address", null)]
    public async Task A_patrons_address_is_stored_as_the_policy_says(IpAddressPolicy policy, string address, string? stored)
    {
        await UsePolicyAsync(policy);

        (await StoredAddressAsync(await StartFromAsync(address))).Should().Be(stored);
    }

    [Fact]
    public async Task None_stores_no_address_for_a_greeting_answer_nor_shows_one_for_a_visitor_while_blocks_still_see_the_live_address()
    {
        await UsePolicyAsync(IpAddressPolicy.None);
        var visitorId = $"visitor-{Guid.NewGuid():N}";
        await using var patron = await PatronClient.ConnectAsync(app, new HelloRequest(visitorId, "https://library.test/", "Beranda", null, "id"));
        app.Service<VisitorDirectory>().Find(visitorId)!.IpAddress.Should().BeNull();

        var answer = await app.Service<PatronChat>().StartFromGreetingAsync(
            new GreetingAnswer(visitorId, app.LibrarianId, "Ada yang bisa dibantu?", "Rudi", null, null, "Ya, soal peta", PatronClient.NewMessageId(), null),
            "id", "203.0.113.5");
        (await StoredAddressAsync(answer.ConversationId)).Should().BeNull();

        var blocks = app.Service<IpBlockService>();
        var block = (await blocks.AddAsync(new AuditActor(null, "IT"), new IpBlockDraft("127.0.0.1", "test", BlockDuration.OneHour, Confirmed: true), null)).Block!;
        try
        {
            await using var blocked = await HeaderPatron.ConnectAsync(app, new Dictionary<string, string>());
            (await PatronClient.NextAsync(blocked.Closed)).Should().Contain("blocked: ", "a block sees the connection's full address whatever is stored");
        }
        finally
        {
            await blocks.RemoveAsync(new AuditActor(null, "IT"), block.Id);
        }
    }
}
