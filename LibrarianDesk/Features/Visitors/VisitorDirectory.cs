using LibrarianDesk.Features.Desk;
using LibrarianDesk.Hosting;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Visitors;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Visitors;

/// <summary>
/// The live visitors of the whole desk, as the Visitors page lists and counts them: this server's
/// (<see cref="VisitorService"/>) and, with several servers, the list each other server last shared
/// (<see cref="VisitorsOnServer"/>). A server shares its list when it changed, at most once per
/// <see cref="VisitorOptions.CheckInterval"/>, and at least every third of <see cref="PresenceOptions.ServerExpirySeconds"/>;
/// a server not heard for that long (it crashed) counts as having no visitors, and one that stops says so at once.
/// </summary>
/// <remarks>
/// The other servers' lists are a copy here, rebuilt from their next share after a restart. nginx sends one address's
/// widget connections to one server, so a visitor is normally on one server; during a failover they can be on two for a
/// moment and are shown once (<see cref="Merge"/>).
/// </remarks>
public sealed class VisitorDirectory(
    VisitorService here, DeskNotifier notifier, DeskServer server, IOptionsMonitor<PresenceOptions> presence, TimeProvider time)
    : IHostedService, IDisposable
{
    // Page addresses and referrers as shared with the other servers; the Visitors page shows the start of each anyway.
    private const int MaxSharedAddressLength = 300;

    private static readonly VisitorsChanged Changed = new();

    private readonly Lock gate = new();
    private readonly Dictionary<string, (IReadOnlyList<VisitorRow> Visitors, DateTimeOffset HeardAt)> elsewhere = new(StringComparer.Ordinal);
    private IDisposable? subscription;
    private long sharedVersion = -1;
    private DateTimeOffset sharedAt;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = notifier.Subscribe<VisitorsOnServer>(HeardAsync);
        return Task.CompletedTask;
    }

    /// <summary>A server that stops takes its visitors off every list at once: they reconnect to another server.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        if (notifier.ReachesOtherServers)
        {
            await notifier.PublishAsync(new VisitorsOnServer(server.Id, []));
        }
    }

    public void Dispose() => Interlocked.Exchange(ref subscription, null)?.Dispose();

    /// <summary>
    /// Sends this server's list to the others when it changed since the last time, or when the last time is a third of the
    /// expiry ago; forgets the lists of servers not heard within the expiry. Every check (<see cref="VisitorClock"/>).
    /// </summary>
    public async Task ShareAsync()
    {
        if (!notifier.ReachesOtherServers)
        {
            return;
        }

        var now = time.GetUtcNow();
        var expiry = TimeSpan.FromSeconds(presence.CurrentValue.ServerExpirySeconds);
        bool forgot;
        lock (gate)
        {
            var silent = elsewhere.Where(s => now - s.Value.HeardAt >= expiry).Select(s => s.Key).ToList();
            silent.ForEach(s => elsewhere.Remove(s));
            forgot = silent.Count > 0;
        }

        if (forgot)
        {
            await notifier.PublishHereAsync(Changed);
        }

        if (here.Version != Interlocked.Read(ref sharedVersion) || now - sharedAt >= expiry / 3)
        {
            var (version, rows) = here.Snapshot();
            Interlocked.Exchange(ref sharedVersion, version);
            sharedAt = now;
            await notifier.PublishAsync(new VisitorsOnServer(server.Id, [.. rows.Select(Shortened)]));
        }
    }

    /// <summary>
    /// A row as the other servers get it: the addresses a patron's page sends (up to 2,048 characters each) cut short, so
    /// a list of many visitors stays a small message.
    /// </summary>
    private static VisitorRow Shortened(VisitorRow row) => row with
    {
        PageUrl = Shorten(row.PageUrl, MaxSharedAddressLength),
        Referrer = Shorten(row.Referrer, MaxSharedAddressLength),
    };

    private static string? Shorten(string? value, int length) => value is null || value.Length <= length ? value : value[..length];

    private async Task HeardAsync(VisitorsOnServer shared)
    {
        if (shared.Server == server.Id)
        {
            return;
        }

        lock (gate)
        {
            if (shared.Visitors.Count == 0)
            {
                elsewhere.Remove(shared.Server);
            }
            else
            {
                elsewhere[shared.Server] = (shared.Visitors, time.GetUtcNow());
            }
        }

        await notifier.PublishHereAsync(Changed);
    }

    public VisitorCounts Counts()
    {
        var all = All();
        return new VisitorCounts(all.Count, all.Count(v => v.ChatState == VisitorChatState.Chatting), all.Count(v => v.ChatState == VisitorChatState.Waiting));
    }

    /// <summary>The visitors matching <paramref name="filter"/>, newest arrival first, from <paramref name="start"/> on.</summary>
    public VisitorSlice Query(VisitorFilter filter, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var page = filter.Page?.Trim();
        var matching = All().Where(v => filter.State is null || v.ChatState == filter.State);
        if (!string.IsNullOrEmpty(page))
        {
            matching = matching.Where(v => v.OpenTabs > 0
                && ((v.PageUrl?.Contains(page, StringComparison.OrdinalIgnoreCase) ?? false) || (v.PageTitle?.Contains(page, StringComparison.OrdinalIgnoreCase) ?? false)));
        }

        var ordered = matching.OrderByDescending(v => v.VisitStartedAt).ThenBy(v => v.VisitorId, StringComparer.Ordinal).ToList();
        return new VisitorSlice([.. ordered.Skip(Math.Max(0, start)).Take(Math.Max(0, count))], ordered.Count);
    }

    public VisitorRow? Find(string visitorId) => All().FirstOrDefault(v => v.VisitorId == visitorId);

    private List<VisitorRow> All()
    {
        var (_, rows) = here.Snapshot();
        lock (gate)
        {
            if (elsewhere.Count == 0)
            {
                return rows;
            }

            rows.AddRange(elsewhere.Values.SelectMany(s => s.Visitors));
        }

        return [.. rows.GroupBy(v => v.VisitorId, StringComparer.Ordinal).Select(Merge)];
    }

    /// <summary>One visitor seen on several servers: the page they moved to last, all their tabs, the visit from its start.</summary>
    private static VisitorRow Merge(IGrouping<string, VisitorRow> seen)
    {
        if (seen.Skip(1).FirstOrDefault() is null)
        {
            return seen.First();
        }

        var reading = seen.Where(v => v.OpenTabs > 0).MaxBy(v => v.PageSince) ?? seen.MaxBy(v => v.PageSince)!;
        return reading with
        {
            VisitStartedAt = seen.Min(v => v.VisitStartedAt),
            PagesViewed = seen.Max(v => v.PagesViewed),
            Returning = seen.Any(v => v.Returning),
            OpenTabs = seen.Sum(v => v.OpenTabs),
        };
    }
}
