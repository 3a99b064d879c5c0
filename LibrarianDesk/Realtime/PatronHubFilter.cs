using System.Globalization;
using System.Threading.RateLimiting;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Hosting;
using LibrarianDesk.Resources;
using LibrarianDesk.Shared.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Realtime;

/// <summary>
/// Around every patron invocation: the patron's language, rate limits per connection and per address
/// (HTTP rate limiting never sees WebSocket messages), and refusals turned into the API's
/// <c>code: sentence</c> errors.
/// </summary>
public sealed class PatronHubFilter : IHubFilter, IDisposable
{
    private readonly IStringLocalizer<DeskStrings> localizer;
    private readonly PartitionedRateLimiter<string> perConnection;
    private readonly PartitionedRateLimiter<string> perAddress;

    private readonly IpBlockRules blocks;

    public PatronHubFilter(IStringLocalizer<DeskStrings> localizer, IOptions<PatronRateLimitOptions> options, IpBlockRules blocks)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.localizer = localizer;
        this.blocks = blocks;
        var limits = options.Value;
        perConnection = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(limits.PerConnectionBurst, limits.PerConnectionPerSecond)));
        perAddress = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(limits.PerAddressBurst, limits.PerAddressPerSecond)));
    }

    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var context = invocationContext.Context;
        var language = invocationContext.HubMethodName == PatronHubContract.Methods.Hello
            && invocationContext.HubMethodArguments is [HelloRequest hello]
                ? PatronLanguage.Normalize(hello.Language)
                : PatronLanguage.Get(context);
        var culture = CultureInfo.GetCultureInfo(language);
        CultureInfo.CurrentUICulture = culture;

        await RefuseBlockedAsync(context);

        using var connectionLease = perConnection.AttemptAcquire(context.ConnectionId);
        using var addressLease = perAddress.AttemptAcquire(ClientAddress(context));
        if (!connectionLease.IsAcquired || !addressLease.IsAcquired)
        {
            var lease = connectionLease.IsAcquired ? addressLease : connectionLease;
            var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 5;
            throw Error(PatronHubContract.ErrorCodes.RateLimited, "Patron_Error_RateLimited", seconds);
        }

        try
        {
            return await next(invocationContext);
        }
        catch (PatronRequestException refused)
        {
            throw Error(refused.Code, refused.MessageKey, [.. refused.Arguments]);
        }
        catch (ArgumentNullException)
        {
            throw Error(PatronHubContract.ErrorCodes.Validation, "Patron_Error_Invalid");
        }
    }

    /// <summary>A blocked address is told in its browser's language and the connection is closed.</summary>
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var language = PatronLanguage.Normalize(context.Context.GetHttpContext()?.Request.Query["lang"].ToString());
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        if (await blocks.MatchAsync(ClientIp(context.Context)) is { } block)
        {
            await blocks.RecordHitAsync(block.Id);
            if (context.Hub is Hub<IPatronClient> hub)
            {
                await hub.Clients.Caller.Blocked(new BlockedNotice(localizer["Patron_Error_Blocked"]));
            }

            throw Error(PatronHubContract.ErrorCodes.Blocked, "Patron_Error_Blocked");
        }

        await next(context);
    }

    private async Task RefuseBlockedAsync(HubCallerContext context)
    {
        if (await blocks.MatchAsync(ClientIp(context)) is { } block)
        {
            await blocks.RecordHitAsync(block.Id);
            throw Error(PatronHubContract.ErrorCodes.Blocked, "Patron_Error_Blocked");
        }
    }

    private static System.Net.IPAddress? ClientIp(HubCallerContext context) => context.GetClientAddress();

    public void Dispose()
    {
        perConnection.Dispose();
        perAddress.Dispose();
    }

    private HubException Error(string code, string messageKey, params object[] arguments) =>
        new($"{code}: {localizer[messageKey, arguments]}");

    private static string ClientAddress(HubCallerContext context) =>
        context.GetClientAddress()?.ToString() ?? "unknown";

    private static TokenBucketRateLimiterOptions Bucket(int burst, double perSecond) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = Math.Max(1, (int)Math.Round(perSecond)),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

/// <summary>Section <c>Desk:Patrons:RateLimits</c>: invocations a patron connection, and an address, may make.</summary>
public sealed class PatronRateLimitOptions
{
    public int PerConnectionBurst { get; set; } = 30;
    public double PerConnectionPerSecond { get; set; } = 3;
    public int PerAddressBurst { get; set; } = 300;
    public double PerAddressPerSecond { get; set; } = 30;
}
