using System.Globalization;
using System.Threading.RateLimiting;
using LibrarianDesk.Data;
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
/// (HTTP rate limiting never sees WebSocket messages; the desk has none), and refusals turned into the API's
/// <c>code: sentence</c> errors. Each refusal is logged here, on one line without a stack and without the
/// patron's words; SignalR's own Error entry for it is dropped (<see cref="HubExceptionLogging"/>).
/// </summary>
public sealed partial class PatronHubFilter : IHubFilter, IDisposable
{
    private readonly IStringLocalizer<DeskStrings> localizer;
    // In this process's memory on every desk: a connection lives on one server, so its calls all pass here.
    private readonly PartitionedRateLimiter<string> perConnection;

    // Counted by every server together where there are several (IAddressCounters): an address's connections may reach any of them.
    private readonly IAddressCounters perAddress;
    private readonly CallAllowance addressAllowance;

    private readonly IpBlockRules blocks;
    private readonly ILogger<PatronHubFilter> logger;

    public PatronHubFilter(
        IStringLocalizer<DeskStrings> localizer, IOptions<PatronRateLimitOptions> options, IpBlockRules blocks, IAddressCounters perAddress,
        ILogger<PatronHubFilter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.localizer = localizer;
        this.blocks = blocks;
        this.logger = logger;
        this.perAddress = perAddress;
        var limits = options.Value;
        var connectionAllowance = new CallAllowance(limits.PerConnectionBurst, limits.PerConnectionPerSecond);
        perConnection = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, _ => connectionAllowance.ToTokenBucket()));
        addressAllowance = limits.PerAddress;
    }

    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var context = invocationContext.Context;
        var method = invocationContext.HubMethodName;
        var language = method == PatronHubContract.Methods.Hello
            && invocationContext.HubMethodArguments is [HelloRequest hello]
                ? PatronLanguage.Normalize(hello.Language)
                : PatronLanguage.Get(context);
        var culture = CultureInfo.GetCultureInfo(language);
        CultureInfo.CurrentUICulture = culture;

        try
        {
            await RefuseBlockedAsync(context);

            using var connectionLease = perConnection.AttemptAcquire(context.ConnectionId);
            var addressWait = await perAddress.TakeCallAsync(ClientAddress(context), addressAllowance);
            if (!connectionLease.IsAcquired || addressWait is not null)
            {
                var wait = connectionLease.IsAcquired ? addressWait
                    : connectionLease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null;
                var seconds = wait is { } after ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 5;
                throw new PatronRequestException(PatronHubContract.ErrorCodes.RateLimited, "Patron_Error_RateLimited", seconds);
            }

            return await next(invocationContext);
        }
        catch (PatronRequestException refused)
        {
            throw Refusal(method, context, refused.Code, refused.MessageKey, [.. refused.Arguments]);
        }
        catch (ArgumentNullException)
        {
            throw Refusal(method, context, PatronHubContract.ErrorCodes.Validation, "Patron_Error_Invalid");
        }
        catch (Exception failure) when (StorageFailure.IsTransient(failure))
        {
            // Nothing was stored (a message is acknowledged only once committed): the client may send the same call again.
            throw Refusal(method, context, PatronHubContract.ErrorCodes.Unavailable, "Patron_Error_Unavailable");
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

            throw Refusal(nameof(OnConnectedAsync), context.Context, PatronHubContract.ErrorCodes.Blocked, "Patron_Error_Blocked");
        }

        await next(context);
    }

    private async Task RefuseBlockedAsync(HubCallerContext context)
    {
        if (await blocks.MatchAsync(ClientIp(context)) is { } block)
        {
            await blocks.RecordHitAsync(block.Id);
            throw new PatronRequestException(PatronHubContract.ErrorCodes.Blocked, "Patron_Error_Blocked");
        }
    }

    private static System.Net.IPAddress? ClientIp(HubCallerContext context) => context.GetClientAddress();

    public void Dispose() => perConnection.Dispose();

    private HubException Refusal(string method, HubCallerContext context, string code, string messageKey, params object[] arguments)
    {
        LogRefused(logger, IsWorthAWarning(code) ? LogLevel.Warning : LogLevel.Information, method, code, context.ConnectionId);
        return new HubException($"{code}: {localizer[messageKey, arguments]}");
    }

    /// <summary>A blocked address and a desk that cannot save are worth an operator's look; a patron's mistake or haste is not.</summary>
    private static bool IsWorthAWarning(string code) =>
        code is PatronHubContract.ErrorCodes.Blocked or PatronHubContract.ErrorCodes.Unavailable;

    [LoggerMessage(Message = "Patron call {Method} refused: {Code} (connection {ConnectionId})")]
    private static partial void LogRefused(ILogger logger, LogLevel level, string method, string code, string connectionId);

    private static string ClientAddress(HubCallerContext context) =>
        context.GetClientAddress()?.ToString() ?? "unknown";
}

/// <summary>Section <c>Desk:Patrons:RateLimits</c>: invocations a patron connection, and an address, may make.</summary>
public sealed class PatronRateLimitOptions
{
    public int PerConnectionBurst { get; set; } = 30;
    public double PerConnectionPerSecond { get; set; } = 3;
    public int PerAddressBurst { get; set; } = 300;
    public double PerAddressPerSecond { get; set; } = 30;

    /// <summary>One bucket per address for every patron call, the hub's and the widget's HTTP uploads alike.</summary>
    public CallAllowance PerAddress => new(PerAddressBurst, PerAddressPerSecond);
}
