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
/// Greeting a visitor first, by a librarian or by a trigger, and the visitor's answer. The rules (one
/// greeting per visitor within the cool-down, none while they are in a conversation, answered once,
/// expiring quietly) live here and in <see cref="VisitorService.TryGreet"/>.
/// </summary>
public sealed class GreetingService(
    VisitorService visitors,
    PatronPush patrons,
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

        var permission = await SendAsync(visitorId, librarianId, librarianName, trimmed, null);
        return permission.Refusal switch
        {
            GreetingRefusal.None => GreetResult.Sent,
            GreetingRefusal.InConversation => GreetResult.Failed("Visitors_GreetInConversation"),
            GreetingRefusal.TooSoon => GreetResult.Failed("Visitors_GreetTooSoon", Math.Max(1, (int)Math.Ceiling(permission.RetryAfter.TotalMinutes))),
            _ => GreetResult.Failed("Visitors_GreetGone"),
        };
    }

    /// <summary>A trigger greets a visitor in their language; false when the visitor may not be greeted now.</summary>
    public async Task<bool> GreetAutomaticallyAsync(GreetingCandidate candidate, GreetingTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(trigger);
        return (await SendAsync(candidate.VisitorId, null, "", trigger.TextFor(candidate.Language), trigger.Id)).IsGranted;
    }

    /// <summary>
    /// The visitor on <paramref name="connectionId"/> answers a greeting. Within its lifetime a
    /// librarian's greeting gives that librarian the conversation; otherwise it goes to the queue.
    /// </summary>
    public async Task<StartConversationResponse> AnswerAsync(string connectionId, AnswerGreetingRequest request, string language, string? ipAddress)
    {
        ArgumentNullException.ThrowIfNull(request);
        var taken = visitors.TakeGreeting(connectionId, request.GreetingId)
            ?? throw new PatronRequestException(PatronHubContract.ErrorCodes.NotFound, "Patron_Error_GreetingGone");
        var (visitorId, greeting, pageUrl) = taken;
        var settings = options.CurrentValue;
        if (settings.GreetingReplyRequiresEmail && string.IsNullOrWhiteSpace(request.Email))
        {
            throw PatronRequestException.Invalid("Patron_Error_Email");
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

    private async Task<GreetingDecision> SendAsync(string visitorId, string? librarianId, string authorName, string text, int? triggerId)
    {
        var now = time.GetUtcNow();
        var settings = options.CurrentValue;
        var greeting = new PendingGreeting(Guid.NewGuid(), librarianId, authorName, text, now, now + settings.GreetingLifetime, triggerId);
        var permission = visitors.TryGreet(visitorId, greeting);
        if (permission.IsGranted)
        {
            if (triggerId is { } id)
            {
                await triggers.CountFiredAsync(id);
            }

            await patrons.GreetingAsync(permission.ConnectionIds, new GreetingNotice(
                authorName, text, greeting.Id, settings.GreetingReplyRequiresName, settings.GreetingReplyRequiresEmail,
                (int)settings.GreetingLifetime.TotalSeconds));
        }

        return permission;
    }
}

/// <summary>What became of a greeting, as a resource key and its arguments (null key: sent).</summary>
public sealed record GreetResult(string? ErrorKey, IReadOnlyList<object> Arguments)
{
    public static GreetResult Sent { get; } = new(null, []);

    public bool Succeeded => ErrorKey is null;

    public static GreetResult Failed(string key, params object[] arguments) => new(key, arguments);
}
