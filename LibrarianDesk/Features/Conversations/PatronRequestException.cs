using LibrarianDesk.Shared.Contracts;

namespace LibrarianDesk.Features.Conversations;

/// <summary>
/// A patron request the desk refuses. <see cref="Code"/> is the public error code of the patron API;
/// <see cref="MessageKey"/> names the sentence in the resource files that the patron reads.
/// </summary>
public sealed class PatronRequestException : Exception
{
    public PatronRequestException(string code, string messageKey, params object[] arguments)
        : base($"{code}: {messageKey}")
    {
        Code = code;
        MessageKey = messageKey;
        Arguments = arguments;
    }

    public PatronRequestException()
        : this(PatronHubContract.ErrorCodes.Validation, "Patron_Error_Invalid")
    {
    }

    public PatronRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = PatronHubContract.ErrorCodes.Validation;
        MessageKey = "Patron_Error_Invalid";
        Arguments = [];
    }

    public string Code { get; }
    public string MessageKey { get; }
    public IReadOnlyList<object> Arguments { get; }

    public static PatronRequestException Invalid(string messageKey, params object[] arguments) =>
        new(PatronHubContract.ErrorCodes.Validation, messageKey, arguments);

    /// <summary>A wrong token and an unknown conversation get the same answer: nothing is revealed.</summary>
    public static PatronRequestException NotYours() => new(PatronHubContract.ErrorCodes.Forbidden, "Patron_Error_Forbidden");
}
