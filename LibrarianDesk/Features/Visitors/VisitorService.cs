using System.Threading.Channels;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Visitors;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Visitors;

/// <summary>
/// Who is on the library's site right now: one entry per browser (the widget's visitor id), fed by the
/// patron hub's connections. A visitor may have several tabs; the last tab closing starts a short grace
/// (the next page of the site opens a new connection a moment later) and only then the visit ends and
/// is recorded. Memory only, behind one short lock; screens read copies, never the live entries.
/// </summary>
public sealed class VisitorService(
    VisitRecorder recorder, DeskNotifier notifier, IOptionsMonitor<VisitorOptions> options, TimeProvider time)
{
    private readonly Channel<string> newcomers = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock gate = new();
    private readonly Dictionary<string, LiveVisitor> visitors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LiveVisitor> byConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> lastGreeted = new(StringComparer.Ordinal);

    private static readonly VisitorsChanged Changed = new();

    /// <summary>
    /// A widget said Hello on a connection: a new visitor, another tab, or the next page of a visit. A new
    /// visitor is listed at once; whether they are returning or already in a conversation is looked up
    /// after, off the Hello's path (<see cref="Newcomers"/>, read by <see cref="VisitorHistoryReader"/>).
    /// </summary>
    public async Task ArriveAsync(string connectionId, VisitorArrival arrival)
    {
        ArgumentNullException.ThrowIfNull(arrival);
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
            visitor.IpAddress = arrival.IpAddress;
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
        }

        if (isNew)
        {
            newcomers.Writer.TryWrite(visitorId);
        }

        await notifier.PublishAsync(Changed);
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
        }

        await notifier.PublishAsync(Changed);
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
        }

        await notifier.PublishAsync(Changed);
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
        }

        await notifier.PublishAsync(Changed);
    }

    /// <summary>Ends the visits whose last tab closed longer than the grace ago, and records them.</summary>
    public async Task<int> SettleDeparturesAsync()
    {
        var now = time.GetUtcNow();
        var settings = options.CurrentValue;
        var departed = new List<LiveVisitor>();
        lock (gate)
        {
            foreach (var visitor in visitors.Values)
            {
                if (visitor.LeftAt is { } left && now - left >= settings.DepartureGrace)
                {
                    departed.Add(visitor);
                }
            }

            departed.ForEach(v => visitors.Remove(v.VisitorId));
            foreach (var (visitorId, at) in lastGreeted.ToList())
            {
                if (now - at >= settings.GreetingCooldown)
                {
                    lastGreeted.Remove(visitorId);
                }
            }
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
            await notifier.PublishAsync(Changed);
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

    public VisitorCounts Counts()
    {
        lock (gate)
        {
            int chatting = 0, waiting = 0;
            foreach (var visitor in visitors.Values)
            {
                chatting += visitor.ChatState == VisitorChatState.Chatting ? 1 : 0;
                waiting += visitor.ChatState == VisitorChatState.Waiting ? 1 : 0;
            }

            return new VisitorCounts(visitors.Count, chatting, waiting);
        }
    }

    /// <summary>The visitors matching <paramref name="filter"/>, newest arrival first, from <paramref name="start"/> on.</summary>
    public VisitorSlice Query(VisitorFilter filter, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var page = filter.Page?.Trim();
        lock (gate)
        {
            var matching = visitors.Values.Where(v => filter.State is null || v.ChatState == filter.State);
            if (!string.IsNullOrEmpty(page))
            {
                matching = matching.Where(v => v.CurrentTab is { } tab
                    && ((tab.Url?.Contains(page, StringComparison.OrdinalIgnoreCase) ?? false) || (tab.Title?.Contains(page, StringComparison.OrdinalIgnoreCase) ?? false)));
            }

            var ordered = matching.OrderByDescending(v => v.StartedAt).ThenBy(v => v.VisitorId, StringComparer.Ordinal).ToList();
            var rows = ordered.Skip(Math.Max(0, start)).Take(Math.Max(0, count)).Select(Row).ToList();
            return new VisitorSlice(rows, ordered.Count);
        }
    }

    public VisitorRow? Find(string visitorId)
    {
        lock (gate)
        {
            return visitors.TryGetValue(visitorId, out var visitor) ? Row(visitor) : null;
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
        }

        await notifier.PublishAsync(Changed);
    }

    /// <summary>
    /// Records <paramref name="greeting"/> as the visitor's pending greeting and returns the tabs to show
    /// it in, or says why not: gone, already in a conversation, or greeted too recently.
    /// </summary>
    public GreetingDecision TryGreet(string visitorId, PendingGreeting greeting)
    {
        ArgumentNullException.ThrowIfNull(greeting);
        lock (gate)
        {
            if (!visitors.TryGetValue(visitorId, out var visitor) || visitor.Tabs.Count == 0)
            {
                return GreetingDecision.Refused(GreetingRefusal.Gone);
            }

            if (visitor.ChatState != VisitorChatState.Browsing)
            {
                return GreetingDecision.Refused(GreetingRefusal.InConversation);
            }

            if (lastGreeted.TryGetValue(visitorId, out var at) && greeting.SentAt - at < options.CurrentValue.GreetingCooldown)
            {
                return GreetingDecision.Refused(GreetingRefusal.TooSoon, at + options.CurrentValue.GreetingCooldown - greeting.SentAt);
            }

            lastGreeted[visitorId] = greeting.SentAt;
            visitor.Greeting = greeting;
            visitor.GreetingAnswered = false;
            if (greeting.TriggerId is { } trigger)
            {
                visitor.TriggersFired.Add(trigger);
            }

            return GreetingDecision.Granted([.. visitor.Tabs.Keys]);
        }
    }

    /// <summary>Takes the visitor's pending greeting <paramref name="greetingId"/> for an answer (once: a second tab cannot answer it again).</summary>
    public (string VisitorId, PendingGreeting Greeting, string? PageUrl)? TakeGreeting(string connectionId, Guid greetingId)
    {
        lock (gate)
        {
            if (!byConnection.TryGetValue(connectionId, out var visitor) || visitor.Greeting is not { } greeting
                || greeting.Id != greetingId || visitor.GreetingAnswered)
            {
                return null;
            }

            visitor.GreetingAnswered = true;
            return (visitor.VisitorId, greeting, visitor.Tabs.GetValueOrDefault(connectionId)?.Url);
        }
    }

    /// <summary>Connected, browsing visitors who were not greeted lately: who an automatic greeting may be for.</summary>
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
                    || (lastGreeted.TryGetValue(visitor.VisitorId, out var at) && now - at < cooldown))
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
        public bool GreetingAnswered { get; set; }

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

public sealed record GreetingDecision(GreetingRefusal Refusal, IReadOnlyList<string> ConnectionIds, TimeSpan RetryAfter)
{
    public bool IsGranted => Refusal == GreetingRefusal.None;

    public static GreetingDecision Granted(IReadOnlyList<string> connectionIds) => new(GreetingRefusal.None, connectionIds, TimeSpan.Zero);

    public static GreetingDecision Refused(GreetingRefusal refusal, TimeSpan retryAfter = default) => new(refusal, [], retryAfter);
}
