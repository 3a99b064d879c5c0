using System.Text;

namespace LibrarianDesk.Shared.Members;

/// <summary>Indonesian phone numbers in one form, <c>+62…</c>, whatever way they were typed.</summary>
public static class PhoneNumbers
{
    private const int MinNationalDigits = 7;
    private const int MaxNationalDigits = 12;

    /// <summary>
    /// <c>0812-3456-7890</c>, <c>62812…</c>, <c>+62 812 …</c> and <c>(021) 345 6789</c> all become
    /// <c>+62…</c>. Null when the text is empty, holds letters or other symbols, or has too few or too many digits.
    /// </summary>
    public static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        var digits = new StringBuilder(trimmed.Length);
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && i == 0)
            {
                continue;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return null;
            }
        }

        var all = digits.ToString();
        var national = all.StartsWith("62", StringComparison.Ordinal) ? all[2..]
            : all.StartsWith('0') ? all[1..]
            : trimmed.StartsWith('+') ? null
            : all;
        if (national is null || national.Length is < MinNationalDigits or > MaxNationalDigits || national[0] == '0')
        {
            return null;
        }

        return "+62" + national;
    }

    /// <summary>For lists: <c>+6281234567890</c> shows as <c>+62812••••7890</c>.</summary>
    public static string Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return "—";
        }

        const int Head = 6;
        const int Tail = 4;
        return phone.Length <= Head + Tail
            ? new string('•', phone.Length)
            : string.Concat(phone.AsSpan(0, Head), new string('•', phone.Length - Head - Tail), phone.AsSpan(phone.Length - Tail));
    }
}
