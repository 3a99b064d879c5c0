using System.Threading.Channels;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Visitors;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Visitors;

/// <summary>
/// Who is on the library's site right now: one entry per browser (the widget's visitor id), fed by the
/// patron hub's connections. A visitor may have several tabs; the last tab closing starts a short grace
/// (the next page of the site opens a new connection a moment later) and only then the visit ends and
/// is recorded. Memory only, behind one short lock; screens read copies, never the live entries. These are this
/// server's visitors (the patron hub's connections here); <see cref="VisitorDirectory"/> adds the other servers'.
/// </summary>
public sealed class VisitorService(
    VisitRecorder recorder, DeskNotifier notifier, IOptionsMonitor<VisitorOptions> options, PrivacySettingsStore privacy, TimeProvider time)
{
    private readonly Channel<string> newcomers = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock gate = new();
    private readonly Dictionary<string, LiveVisitor> visitors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LiveVisitor> byConnection = new(StringComparer.Ordinal);
    private long version;

    private static readonly VisitorsChanged Changed = new();

    /// <summary>
    /// A widget said Hello on a connection: a new visitor, another tab, or the next page of a visit. A new
    /// visitor is listed at once; whether they are returning or already in a conversation is looked up
    /// after, off the Hello's path (<see cref="Newcomers"/>, read by <see cref="VisitorHistoryReader"/>). The address is
    /// kept as the IP address policy says (<see cref="PrivacySettingsStore.StoredAddressAsync"/>).
    /// </summary>
    public async Task ArriveAsync(string connectionId, VisitorArrival arrival)
    {
        ArgumentNullException.ThrowIfNull(arrival);
        var address = await privacy.StoredAddressAsync(arrival.IpAddress);
        var visitorId = string.IsNullOrWhiteSpace(arrival.VisitorId) ? connectionId : Truncate(arrival.VisitorId.Trim(), Visit.MaxVisitorIdLength)!;
        var now = time.GetUtcNow();
        var isNew = false;
        lock (gate)
        {
            if (byConnection.Remove(connectionId, out var previous))
            {
                previous.Tabs.Remove(connectionId);
            }

            if (!visitors.TryGetValue(visitorId, out var visitor))
            {
                visitor = new LiveVisitor(visitorId, now) { Referrer = Truncate(arrival.Referrer, 2048) };
                isNew = true;
                visitors[visitorId] = visitor;
            }

            visitor.Language = arrival.Language;
            visitor.IpAddress = address;
            visitor.Browser = UserAgentSummary.Browser(arrival.UserAgent);
            visitor.OperatingSystem = UserAgentSummary.OperatingSystem(arrival.UserAgent);
            // A reconnect (or a reload) on the page the visitor was already reading is not another page.
            var url = Truncate(arrival.PageUrl, 2048);
            var reading = visitor.CurrentTab ?? visitor.LastPage;
            var samePage = reading is not null && string.Equals(reading.Url, url, StringComparison.Ordinal);
            visitor.PagesViewed += samePage ? 0 : 1;
            visitor.LeftAt = null;
            visitor.Tabs[connectionId] = new Tab(url, Truncate(arrival.PageTitle, 300), samePage ? reading!.Since : now);
            byConnection[connectionId] = visitor;
            version++;
        }

        if (isNew)
        {
            newcomers.Writer.TryWrite(visitorId);
        }

        await notifier.PublishHereAsync(Changed);
    }

    /// <summary>Visitors whose visit just began, for looking up what the desk already knows of them.</summary>
    public ChannelReader<string> Newcomers => newcomers.Reader;

    /// <summary>What the desk knew of a visitor before this visit: returning, or already in a conversation (after a restart).</summary>
    public async Task ApplyHistoryAsync(string visitorId, KnownVisitor known)
    {
        ArgumentNullException.ThrowIfNull(known);
        if (!known.Returning && known.ConversationId is null)
        {
            return;
        }

        lock (gate)
        {
            if (!visitors.TryGetValue(visitorId, out var visitor))
            {
                return;
            }

            visitor.Returning = known.Returning;
            if (visitor.ChatConversationId is null && known.ConversationId is not null)
            {
                (visitor.ChatState, visitor.ChatLibrarianName, visitor.ChatConversationId) = (known.ChatState, known.LibrarianName, known.ConversationId);
            }

            version++;
        }

        await notifier.PublishHereAsync(Changed);
    }

    /// <summary>
    /// The page of a tab changed (a single-page site navigating, or the widget confirming the page it
    /// loaded on): a different address counts as one more page viewed, the same address only renames it.
    /// </summary>
    public async Task PageChangedAsync(string connectionId, string? pageUrl, string? pageTitle)
    {
        var url = Truncate(pageUrl, 2048);
        var title = Truncate(pageTitle, 300);
        lock (gate)
        {
            if (!byConnection.TryGetValue(connectionId, out var visitor) || !visitor.Tabs.TryGetValue(connectionId, out var tab))
            {
                return;
            }

            if (string.Equals(tab.Url, url, StringComparison.Ordinal))
            {
                visitor.Tabs[connectionId] = tab with { Title = title };
            }
            else
            {
                visitor.Tabs[connectionId] = new Tab(url, title, time.GetUtcNow());
                visitor.PagesViewed++;
            }

            version++;
        }

        await notifier.PublishHereAsync(Changed);
    }

    public async Task DisconnectedAsync(string connectionId)
    {
        lock (gate)
        {
            if (!byConnection.Remove(connectionId, out var visitor))
            {
                return;
            }

            var reading = visitor.CurrentTab;
            visitor.Tabs.Remove(connectionId);
            if (visitor.Tabs.Count == 0)
            {
                visitor.LastPage = reading;
                visitor.LeftAt = time.GetUtcNow();
            }

            version++;
        }

        await notifier.PublishHereAsync(Changed);
    }

    /// <summary>Ends the visits whose last tab closed longer than the grace ago, and records them.</summary>
    public async Task<int> SettleDeparturesAsync()
    {
        var now = time.GetUtcNow();
        var grace = options.CurrentValue.DepartureGrace;
        var departed = new List<LiveVisitor>();
        lock (gate)
        {
            foreach (var visitor in visitors.Values)
            {
                if (visitor.LeftAt is { } left && now - left >= grace)
                {
                    departed.Add(visitor);
                }
            }

            departed.ForEach(v => visitors.Remove(v.VisitorId));
            version += departed.Count;
        }

        foreach (var visitor in departed)
        {
            recorder.Record(new Visit
            {
                VisitorId = visitor.VisitorId,
                StartedAt = visitor.StartedAt,
                EndedAt = visitor.LeftAt!.Value,
                PagesViewed = visitor.PagesViewed,
                ChatStarted = visitor.ChatStarted,
                Greeted = visitor.Greeting is not null,
            });
        }

        if (departed.Count > 0)
        {
            await notifier.PublishHereAsync(Changed);
        }

        return departed.Count;
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return visitors.Count;
            }
        }
    }

    /// <summary>This server's visitors as the live list shows them, and the version of the list they were read at.</summary>
    public (long Version, List<VisitorRow> Rows) Snapshot()
    {
        lock (gate)
        {
            return (version, [.. visitors.Values.Select(Row)]);
        }
    }

    /// <summary>Which version this server's list is at: it changes whenever a visitor arrives, moves, leaves or starts a chat.</summary>
    public long Version
    {
        get
        {
            lock (gate)
            {
                return version;
            }
        }
    }

    /// <summary>The visitor's conversation changed state (started, taken, transferred, ended).</summary>
    public async Task SetChatAsync(string visitorId, Guid conversationId, VisitorChatState state, string? librarianName)
    {
        lock (gate)
        {
            if (!visitors.TryGetValue(visitorId, out var visitor))
            {
                return;
            }

            visitor.ChatStarted |= state != VisitorChatState.Browsing;
            visitor.ChatState = state;
            visitor.ChatLibrarianName = state == VisitorChatState.Chatting ? librarianName : null;
            visitor.ChatConversationId = state == VisitorChatState.Browsing ? null : conversationId;
            version++;
        }

        await notifier.PublishHereAsync(Changed);
    }

    /// <summary>
    /// A greeting granted for <paramref name="visitorId"/> (on whichever server): kept as their pending greeting if the
    /// visitor is here, and the tabs here to show it in (none when the visitor is on another server).
    /// </summary>
    public IReadOnlyList<string> ReceiveGreeting(string visitorId, PendingGreeting greeting)
    {
        ArgumentNullException.ThrowIfNull(greeting);
        lock (gate)
        {
            if (!visitors.TryGetValue(visitorId, out var visitor))
            {
                return [];
            }

            visitor.Greeting = greeting;
            if (greeting.TriggerId is { } trigger)
            {
                visitor.TriggersFired.Add(trigger);
            }

            return [.. visitor.Tabs.Keys];
        }
    }

    /// <summary>
    /// The pending greeting <paramref name="greetingId"/> of the visitor on <paramref name="connectionId"/>, with the page
    /// that tab shows; null when it is not theirs (or was replaced). Whether it is still unanswered is <see cref="IGreetingClaims"/>'s to say.
    /// </summary>
    public (string VisitorId, PendingGreeting Greeting, string? PageUrl)? PendingGreeting(string connectionId, Guid greetingId)
    {
        lock (gate)
        {
            return byConnection.TryGetValue(connectionId, out var visitor) && visitor.Greeting is { } greeting && greeting.Id == greetingId
                ? (visitor.VisitorId, greeting, visitor.Tabs.GetValueOrDefault(connectionId)?.Url)
                : null;
        }
    }

    /// <summary>
    /// Connected, browsing visitors here not greeted lately as far as this server heard: who an automatic greeting may be
    /// for (<see cref="IGreetingClaims"/> has the last word, across servers and visits).
    /// </summary>
    public IReadOnlyList<GreetingCandidate> GreetingCandidates()
    {
        var now = time.GetUtcNow();
        var cooldown = options.CurrentValue.GreetingCooldown;
        lock (gate)
        {
            var candidates = new List<GreetingCandidate>();
            foreach (var visitor in visitors.Values)
            {
                if (visitor.Tabs.Count == 0 || visitor.ChatState != VisitorChatState.Browsing
                    || (visitor.Greeting is { } greeting && now - greeting.SentAt < cooldown))
                {
                    continue;
                }

                var tab = visitor.CurrentTab!;
                candidates.Add(new GreetingCandidate(
                    visitor.VisitorId, tab.Url, tab.Title, tab.Since, visitor.Referrer, visitor.Language, visitor.TriggersFired.ToHashSet()));
            }

            return candidates;
        }
    }

    private static VisitorRow Row(LiveVisitor v)
    {
        var tab = v.CurrentTab ?? v.LastPage;
        return new VisitorRow(
            v.VisitorId, tab?.Url, tab?.Title, v.Referrer, v.StartedAt, tab?.Since ?? v.StartedAt, v.PagesViewed, v.Returning,
            v.Browser, v.OperatingSystem, v.Language, v.IpAddress, v.ChatState, v.ChatLibrarianName, v.ChatConversationId, v.Tabs.Count);
    }

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];

    private sealed record Tab(string? Url, string? Title, DateTimeOffset Since);

    private sealed class LiveVisitor(string visitorId, DateTimeOffset startedAt)
    {
        public string VisitorId { get; } = visitorId;
        public DateTimeOffset StartedAt { get; } = startedAt;
        public Dictionary<string, Tab> Tabs { get; } = new(StringComparer.Ordinal);
        public HashSet<int> TriggersFired { get; } = [];
        public string? Referrer { get; init; }
        public bool Returning { get; set; }
        public string Language { get; set; } = PatronLanguage.Indonesian;
        public string? IpAddress { get; set; }
        public string Browser { get; set; } = UserAgentSummary.Unknown;
        public string OperatingSystem { get; set; } = UserAgentSummary.Unknown;
        public int PagesViewed { get; set; }
        public DateTimeOffset? LeftAt { get; set; }
        public Tab? LastPage { get; set; }
        public VisitorChatState ChatState { get; set; }
        public string? ChatLibrarianName { get; set; }
        public Guid? ChatConversationId { get; set; }
        public bool ChatStarted { get; set; }
        public PendingGreeting? Greeting { get; set; }

        /// <summary>The tab the visitor moved in last: the page they are looking at.</summary>
        public Tab? CurrentTab => Tabs.Count == 0 ? null : Tabs.Values.MaxBy(t => t.Since);
    }
}

public enum GreetingRefusal
{
    None,
    Gone,
    InConversation,
    TooSoon,
}
