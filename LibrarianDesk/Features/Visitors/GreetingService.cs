using LibrarianDesk.Data;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Realtime;
using LibrarianDesk.Resources;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Visitors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Visitors;

/// <summary>
/// Greeting a visitor first, by a librarian or by a trigger, and the visitor's answer. The rules (none for a
/// visitor gone or in a conversation, one per visitor within the cool-down, answered once, expiring quietly) live
/// here, the two that must hold across servers claimed through <see cref="IGreetingClaims"/>. A granted greeting is
/// published (<see cref="VisitorGreeted"/>) and shown by the server holding the visitor's tabs (<see cref="GreetingDelivery"/>).
/// </summary>
public sealed class GreetingService(
    VisitorService visitors,
    VisitorDirectory directory,
    IGreetingClaims claims,
    DeskNotifier notifier,
    PatronChat chat,
    GreetingTriggerStore triggers,
    IDbContextFactory<DeskDbContext> dbFactory,
    IStringLocalizer<DeskStrings> localizer,
    IOptionsMonitor<VisitorOptions> options,
    TimeProvider time)
{
    public const int MaxGreetingLength = GreetingTrigger.MaxTextLength;

    /// <summary>A librarian greets a visitor; the result says what happened in the librarian's words (a resource key).</summary>
    public async Task<GreetResult> GreetAsync(string visitorId, string librarianId, string? text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(librarianId);
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return GreetResult.Failed("Visitors_GreetEmpty");
        }

        if (trimmed.Length > MaxGreetingLength)
        {
            return GreetResult.Failed("Visitors_GreetTooLong", MaxGreetingLength);
        }

        string librarianName;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            librarianName = await db.Users.Where(u => u.Id == librarianId).Select(u => u.DisplayName).SingleAsync();
        }

        var (refusal, retryAfter) = await SendAsync(visitorId, librarianId, librarianName, trimmed, null);
        return refusal switch
        {
            GreetingRefusal.None => GreetResult.Sent,
            GreetingRefusal.InConversation => GreetResult.Failed("Visitors_GreetInConversation"),
            GreetingRefusal.TooSoon => GreetResult.Failed("Visitors_GreetTooSoon", Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes))),
            _ => GreetResult.Failed("Visitors_GreetGone"),
        };
    }

    /// <summary>A trigger greets a visitor in their language; false when the visitor may not be greeted now.</summary>
    public async Task<bool> GreetAutomaticallyAsync(GreetingCandidate candidate, GreetingTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(trigger);
        return (await SendAsync(candidate.VisitorId, null, "", trigger.TextFor(candidate.Language), trigger.Id)).Refusal == GreetingRefusal.None;
    }

    /// <summary>
    /// The visitor on <paramref name="connectionId"/> answers a greeting. Within its lifetime a
    /// librarian's greeting gives that librarian the conversation; otherwise it goes to the queue.
    /// </summary>
    public async Task<StartConversationResponse> AnswerAsync(string connectionId, AnswerGreetingRequest request, string language, string? ipAddress)
    {
        ArgumentNullException.ThrowIfNull(request);
        var gone = new PatronRequestException(PatronHubContract.ErrorCodes.NotFound, "Patron_Error_GreetingGone");
        var (visitorId, greeting, pageUrl) = visitors.PendingGreeting(connectionId, request.GreetingId) ?? throw gone;
        var settings = options.CurrentValue;
        if (settings.GreetingReplyRequiresEmail && string.IsNullOrWhiteSpace(request.Email))
        {
            throw PatronRequestException.Invalid("Patron_Error_Email");
        }

        // Claimed after the form is checked, so a missing address can be given and the greeting answered after all.
        if (!await claims.TryAnswerAsync(greeting.Id, settings.GreetingCooldown + settings.GreetingLifetime))
        {
            throw gone;
        }

        var name = string.IsNullOrWhiteSpace(request.Name) && !settings.GreetingReplyRequiresName
            ? localizer["Visitors_AnonymousPatron", visitorId[..Math.Min(4, visitorId.Length)].ToUpperInvariant()].Value
            : request.Name ?? "";
        var stillFresh = time.GetUtcNow() <= greeting.ExpiresAt;
        var answer = new GreetingAnswer(
            visitorId, stillFresh ? greeting.LibrarianId : null, greeting.Text, name, request.Email, request.MemberNumber,
            request.Text, request.ClientMessageId, request.PageUrl ?? pageUrl);
        var response = await chat.StartFromGreetingAsync(answer, language, ipAddress);
        if (greeting.TriggerId is { } triggerId)
        {
            await triggers.CountConversationAsync(triggerId);
        }

        return response;
    }

    private async Task<(GreetingRefusal Refusal, TimeSpan RetryAfter)> SendAsync(
        string visitorId, string? librarianId, string authorName, string text, int? triggerId)
    {
        var visitor = directory.Find(visitorId);
        if (visitor is null || visitor.OpenTabs == 0)
        {
            return (GreetingRefusal.Gone, TimeSpan.Zero);
        }

        if (visitor.ChatState != VisitorChatState.Browsing)
        {
            return (GreetingRefusal.InConversation, TimeSpan.Zero);
        }

        var now = time.GetUtcNow();
        var settings = options.CurrentValue;
        if (await claims.TryGreetAsync(visitorId, now, settings.GreetingCooldown) is { } retryAfter)
        {
            return (GreetingRefusal.TooSoon, retryAfter);
        }

        if (triggerId is { } id)
        {
            await triggers.CountFiredAsync(id);
        }

        await notifier.PublishAsync(new VisitorGreeted(visitorId, new PendingGreeting(
            Guid.NewGuid(), librarianId, authorName, text, now, now + settings.GreetingLifetime, triggerId)));
        return (GreetingRefusal.None, TimeSpan.Zero);
    }
}

/// <summary>What became of a greeting, as a resource key and its arguments (null key: sent).</summary>
public sealed record GreetResult(string? ErrorKey, IReadOnlyList<object> Arguments)
{
    public static GreetResult Sent { get; } = new(null, []);

    public bool Succeeded => ErrorKey is null;

    public static GreetResult Failed(string key, params object[] arguments) => new(key, arguments);
}
