using System.Net.Mail;

namespace LibrarianDesk.Features.Accounts;

public static class EmailAddresses
{
    /// <summary>One plain address (no display name, no line breaks that could smuggle mail headers).</summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 254 || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return false;
        }

        var trimmed = value.Trim();
        return MailAddress.TryCreate(trimmed, out var address)
            && address.Address == trimmed
            && address.Host.Contains('.', StringComparison.Ordinal);
    }
}
