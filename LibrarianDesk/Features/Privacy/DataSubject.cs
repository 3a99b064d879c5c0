using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Members;

namespace LibrarianDesk.Features.Privacy;

/// <summary>What a data-subject request is searched by.</summary>
public enum DataSubjectKind
{
    Email,
    MemberNumber,
    Phone,
}

/// <summary>
/// The person a data-subject request is about, by one identifier in the desk's stored form: an email in lower case,
/// a member number as the member register keeps it (trimmed, upper case), a phone as <see cref="PhoneNumbers"/> writes
/// it. <see cref="Masked"/> is what the audit log keeps, so the log of an erase does not itself keep the erased value.
/// </summary>
public sealed record DataSubject(DataSubjectKind Kind, string Value)
{
    /// <summary>The longest text the search box takes: the longest email the desk stores.</summary>
    public const int MaxLength = Conversation.MaxEmailLength;

    /// <summary>The subject, or the problem (resource key) that keeps the text from being one.</summary>
    public static (DataSubject? Subject, string? Problem) Parse(DataSubjectKind kind, string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return (null, DataRequestErrors.Empty);
        }

        if (trimmed.Length > MaxLength)
        {
            return (null, DataRequestErrors.TooLong);
        }

        return kind switch
        {
            DataSubjectKind.Email => EmailAddresses.IsValid(trimmed)
                ? (new DataSubject(kind, trimmed.ToLowerInvariant()), null)
                : (null, DataRequestErrors.Email),
            DataSubjectKind.MemberNumber => trimmed.Length <= Member.MaxMemberNumberLength
                ? (new DataSubject(kind, trimmed.ToUpperInvariant()), null)
                : (null, DataRequestErrors.TooLong),
            DataSubjectKind.Phone => PhoneNumbers.Normalise(trimmed) is { } phone
                ? (new DataSubject(kind, phone), null)
                : (null, DataRequestErrors.Phone),
            _ => (null, DataRequestErrors.Kind),
        };
    }

    /// <summary><c>siti@contoh.id</c> (always valid, so with an @ after its first letter) as <c>s***@contoh.id</c>, <c>M-5566</c> as <c>M***6</c>, a phone as the member list shows it.</summary>
    public string Masked => Kind switch
    {
        DataSubjectKind.Email => string.Concat(Value.AsSpan(0, 1), "***", Value.AsSpan(Value.IndexOf('@', StringComparison.Ordinal))),
        DataSubjectKind.Phone => PhoneNumbers.Mask(Value),
        _ => Value.Length <= 2 ? "***" : string.Concat(Value.AsSpan(0, 1), "***", Value.AsSpan(Value.Length - 1)),
    };

    /// <summary>The request as the audit log records it: the kind and the masked value.</summary>
    public string Describe() => $"{Kind} {Masked}";
}

/// <summary>Refusals of a data-subject request's input, as resource keys.</summary>
public static class DataRequestErrors
{
    public const string Empty = "DataRequests_Error_Empty";
    public const string TooLong = "DataRequests_Error_TooLong";
    public const string Email = "DataRequests_Error_Email";
    public const string Phone = "DataRequests_Error_Phone";
    public const string Kind = "DataRequests_Error_Kind";
    public const string Name = "DataRequests_Error_Name";
}

/// <summary>A data-subject request refused for its input; <see cref="Exception.Message"/> is the resource key of the reason.</summary>
public sealed class DataRequestRefusedException : Exception
{
    public DataRequestRefusedException(string problem)
        : base(problem)
    {
    }

    public DataRequestRefusedException()
    {
    }

    public DataRequestRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
