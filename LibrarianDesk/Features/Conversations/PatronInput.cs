using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Conversations;

/// <summary>
/// What the desk accepts from a patron, for every path that takes their words: a chat start, a greeting
/// answer, a message, a rating, a transcript request and the offline form. Text is trimmed and must fit
/// what is stored; a refusal is a <see cref="PatronRequestException"/> the widget shows in the patron's language.
/// </summary>
public sealed class PatronInput(IOptionsMonitor<ChatOptions> options)
{
    public const int MaxPageUrlLength = 2048;
    public const int MaxVisitorIdLength = 64;

    /// <summary>The longest chat message, for both sides of the chat.</summary>
    public int MaxMessageLength => Math.Min(options.CurrentValue.MaxMessageLength, ChatMessage.MaxTextLength);

    public string ValidName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw PatronRequestException.Invalid("Patron_Error_NameRequired");
        }

        return trimmed.Length <= Conversation.MaxPatronNameLength
            ? trimmed
            : throw PatronRequestException.Invalid("Patron_Error_NameTooLong", Conversation.MaxPatronNameLength);
    }

    public string ValidEmail(string? email) =>
        EmailAddresses.IsValid(email) ? email!.Trim() : throw PatronRequestException.Invalid("Patron_Error_Email");

    /// <summary>An address the patron may leave out (a greeting answer); one given must be valid.</summary>
    public string? ValidOptionalEmail(string? email) => string.IsNullOrWhiteSpace(email) ? null : ValidEmail(email);

    public string? ValidMemberNumber(string? memberNumber)
    {
        var trimmed = memberNumber?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= Conversation.MaxMemberNumberLength
            ? trimmed
            : throw PatronRequestException.Invalid("Patron_Error_MemberNumber", Conversation.MaxMemberNumberLength);
    }

    /// <summary>A chat message, at most <see cref="MaxMessageLength"/>, or another text of the patron's up to <paramref name="maxLength"/>.</summary>
    public string ValidText(string? text, int? maxLength = null)
    {
        var limit = maxLength ?? MaxMessageLength;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw PatronRequestException.Invalid("Patron_Error_MessageEmpty");
        }

        return trimmed.Length <= limit ? trimmed : throw PatronRequestException.Invalid("Patron_Error_MessageTooLong", limit);
    }

    public string ValidClientMessageId(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= ChatMessage.MaxClientMessageIdLength
            ? id
            : throw PatronRequestException.Invalid("Patron_Error_ClientMessageId");

    public string? ValidStartKey(string? startKey)
    {
        if (string.IsNullOrEmpty(startKey))
        {
            return null;
        }

        return startKey.Length is >= StartConversationRequest.MinStartKeyLength and <= StartConversationRequest.MaxStartKeyLength
            && startKey.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                ? startKey
                : throw PatronRequestException.Invalid("Patron_Error_StartKey");
    }

    /// <summary>A rating runs from 1 to 5; its comment is optional and short.</summary>
    public void RequireValidRating(int rating, string? comment)
    {
        if (rating is < 1 or > 5)
        {
            throw PatronRequestException.Invalid("Patron_Error_Rating");
        }

        if (comment is { Length: > Conversation.MaxRatingCommentLength })
        {
            throw PatronRequestException.Invalid("Patron_Error_CommentTooLong", Conversation.MaxRatingCommentLength);
        }
    }

    /// <summary>A question type the patron chose must be one on offer now.</summary>
    public async Task RequireQuestionTypeAsync(DeskDbContext db, int questionTypeId)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.QuestionTypes.AnyAsync(q => q.Id == questionTypeId && q.IsActive))
        {
            throw PatronRequestException.Invalid("Patron_Error_QuestionType");
        }
    }

    /// <summary>The draft a librarian sees the patron typing, cut to what a message may hold.</summary>
    public string Draft(string? draft)
    {
        var text = draft ?? "";
        return text.Length > MaxMessageLength ? text[..MaxMessageLength] : text;
    }

    /// <summary>What the widget tells about the patron's page, kept only as far as it is stored.</summary>
    public string? PageUrl(string? pageUrl) => Truncate(pageUrl, MaxPageUrlLength);

    public string? VisitorId(string? visitorId) => Truncate(visitorId, MaxVisitorIdLength);

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}
